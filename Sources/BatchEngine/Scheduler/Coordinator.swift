import Foundation
import Synchronization

/// The run's own connection: it begins and ends the run, and its session proves the run alive while it lasts.
/// A connection lost meanwhile (a server restart) is opened again, the run proven alive again, and a run another
/// process closed as vanished in between reopened.
final class Coordinator: Sendable {
    private let backend: any BatchBackend
    private let options: RunnerOptions
    private let connection: Mutex<any BatchDatabase>
    private let run = Mutex<Holder?>(nil)

    /// Opens the run's connection.
    init(backend: any BatchBackend, options: RunnerOptions) throws {
        self.backend = backend
        self.options = options
        connection = Mutex(try backend.connect(.coordinator))
    }

    /// The connection now.
    var database: any BatchDatabase { connection.withLock { $0 } }

    /// Notes the run this connection proves alive, once it began.
    func holds(_ holder: Holder) {
        run.withLock { $0 = holder }
    }

    /// Runs `body` on the connection, riding out contention and reconnecting when the connection is lost.
    func use<T>(stopReason: () -> String?, notice: (String) -> Void, _ body: (any BatchDatabase) throws -> T) throws
        -> T
    {
        try ContentionRetry(options: options).run(
            on: { database }, stopReason: stopReason, notice: notice,
            onConnectionLost: { failure in
                notice("the run's connection was lost: \(failure.message); reconnecting")
                try reconnect(stopReason: stopReason)
            }
        ) { try body(database) }
    }

    /// Opens the connection again, within the reconnect window, and proves the run alive on it.
    private func reconnect(stopReason: () -> String?) throws {
        database.close()
        let holder = run.withLock { $0 }
        let fresh = try Reconnection.open(
            .coordinator, on: backend, within: options.reconnectWindow, stopReason: stopReason
        ) { connection in
            guard let holder else { return }
            try connection.write { database in
                try database.hold(holder)
                try RunStore.reopen(holder.id, in: database)
            }
        }
        connection.withLock { $0 = fresh }
    }

    /// Closes the connection.
    func close() {
        database.close()
    }
}
