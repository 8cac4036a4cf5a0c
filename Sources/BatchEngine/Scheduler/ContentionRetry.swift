import Foundation

/// Retries a transaction that met contention: a busy database or a deadlock a few times with doubling backoff, a
/// lock timeout until the run must stop. Other errors go to the caller as they are.
struct ContentionRetry {
    /// Pacing and limits.
    let options: RunnerOptions

    /// Runs `body` on the connection `database` gives. `stopReason` is checked before each retry after a lock
    /// timeout, each retry is told to `notice`, and `onConnectionLost` is asked to reconnect when the connection is
    /// gone, after which `body` runs again.
    func run<T>(
        on database: () -> any BatchDatabase, stopReason: () -> String?, notice: (String) -> Void,
        onConnectionLost: (DatabaseFailure) throws -> Void = { throw $0.error }, _ body: () throws -> T
    ) throws -> T {
        var backoff = options.busyBackoff
        var contended = 0
        while true {
            do {
                return try body()
            } catch let error where error.isSettled {
                throw error
            } catch {
                let failure = database().classify(error)
                switch failure.kind {
                case .transient where contended < options.busyRetries:
                    contended += 1
                    notice(
                        "busy database, retrying in \(Self.show(backoff)) (\(contended) of \(options.busyRetries)):"
                            + " \(failure.message)")
                case .lockTimeout:
                    if let reason = stopReason() { throw BatchError(.workLeft, "\(reason) while waiting for a lock") }
                    notice("waiting for a lock, retrying in \(Self.show(backoff)): \(failure.message)")
                case .connectionLost:
                    try onConnectionLost(failure)
                    continue
                default:
                    throw error
                }
                Thread.sleep(forTimeInterval: backoff.seconds)
                backoff = min(backoff * 2, Self.longestBackoff)
            }
        }
    }

    /// The longest wait between two retries.
    static let longestBackoff: Duration = .seconds(5)

    /// A delay as people read it: `50 ms`, `1.6 s`.
    static func show(_ duration: Duration) -> String {
        duration < .seconds(1)
            ? "\(Int(duration.seconds * 1000)) ms" : "\((duration.seconds * 10).rounded() / 10) s"
    }
}

extension DatabaseFailure {
    /// The failure as an error a command stops with.
    var error: BatchError { batchError(at: "the database") }
}
