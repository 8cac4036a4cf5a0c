import Foundation

extension Worker {
    /// Runs `body`, riding out what the database reports as passing trouble: contention is retried with doubling
    /// backoff a few times, a lock timeout until the run must stop, a lost connection by reconnecting. Any other
    /// error is rethrown as it is, for the caller to judge.
    func retrying<T>(_ body: () throws -> T) throws -> T {
        try ContentionRetry(options: context.options).run(
            on: { connection }, stopReason: { context.stopReason }, notice: notice,
            onConnectionLost: { failure in
                notice("lost the connection: \(failure.message); reconnecting")
                try reconnect()
            }, body)
    }

    /// Opens a new connection and proves the worker alive on it again, retrying with backoff while the server cannot
    /// be reached, for up to the reconnect window.
    /// - Throws: `BatchError` (`.workLeft`) when the server stays away, or the connection's own error when it
    ///   refuses (a changed password, a dropped database).
    func reconnect() throws {
        connection.close()
        let start = context.clock.now
        var delay: Duration = .milliseconds(100)
        while true {
            if let reason = context.stopReason { throw BatchError(.workLeft, reason) }
            do {
                connection = try context.backend.connect(.worker(name))
                context.setConnection(of: name, connection)
                try connection.write { database in
                    try database.hold(record.holder)
                    try RunStore.reopenWorker(record.id, in: database)
                }
                notice("reconnected to \(connection.location)")
                return
            } catch let error as BatchError where error.status != .workLeft {
                throw error
            } catch {
                let message = (error as? BatchError)?.message ?? connection.classify(error).message
                guard context.clock.now - start < context.options.reconnectWindow else {
                    throw BatchError(
                        .workLeft,
                        "\(context.backend.location) stayed unreachable for"
                            + " \(DisplayFormat.duration(context.options.reconnectWindow.seconds)): \(message)")
                }
                Thread.sleep(forTimeInterval: delay.seconds)
                delay = min(delay * 2, .seconds(2))
            }
        }
    }
}
