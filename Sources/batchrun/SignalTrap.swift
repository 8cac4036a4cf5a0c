import BatchEngine
import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a stop request: the current range finishes, the cursor is persisted, the lease is
/// released. A second signal interrupts the running statement, so its range rolls back at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopSignal, database: any BatchDatabase) {
        sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.requested != nil { database.interrupt() }
                stop.request("stopped by \(name)")
            }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
