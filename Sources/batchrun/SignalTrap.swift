import BatchEngine
import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a stop request: the current ranges finish, the cursors are persisted, the claims
/// and the lease are released. A second signal interrupts the running statements (PostgreSQL: `PQcancel`), so their
/// ranges roll back at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopSignal, interrupt: @escaping @Sendable () -> Void) {
        sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.requested != nil { interrupt() }
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
