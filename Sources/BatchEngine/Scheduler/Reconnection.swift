import Foundation

/// Opens a connection to a server that may be away for a while (restarting, or behind a lost network): tries
/// again with doubling backoff, up to two seconds apart, for up to the reconnect window.
enum Reconnection {
    /// Opens a connection for `role` and runs `setup` on it (registering or proving alive its holder), trying
    /// again while the server cannot be reached or the new connection is lost during `setup`.
    /// - Throws: `BatchError` (`.workLeft`) when the server stays away for `window` or the run must stop, or the
    ///   server's own refusal (a changed password, a dropped database) at once.
    static func open(
        _ role: ConnectionRole, on backend: any BatchBackend, within window: Duration, stopReason: () -> String?,
        setup: (any BatchDatabase) throws -> Void
    ) throws -> any BatchDatabase {
        let clock = ContinuousClock()
        let start = clock.now
        var delay: Duration = .milliseconds(100)
        while true {
            if let reason = stopReason() { throw BatchError(.workLeft, reason) }
            var opened: (any BatchDatabase)?
            do {
                let connection = try backend.connect(role)
                opened = connection
                try setup(connection)
                return connection
            } catch let error as BatchError where error.status != .workLeft {
                opened?.close()
                throw error
            } catch {
                let failure =
                    (error as? BatchError).map { DatabaseFailure(kind: .connectionLost, message: $0.message) }
                    ?? opened?.classify(error) ?? DatabaseFailure(kind: .permanent, message: "\(error)")
                opened?.close()
                guard failure.kind == .connectionLost else { throw error }
                guard clock.now - start < window else {
                    throw BatchError(
                        .workLeft,
                        "\(backend.location) stayed unreachable for \(DisplayFormat.duration(window.seconds)):"
                            + " \(failure.message)")
                }
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, .seconds(2))
            }
        }
    }
}
