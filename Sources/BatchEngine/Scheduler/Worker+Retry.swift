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

    /// Opens a new connection and proves the worker alive on it again, for up to the reconnect window.
    /// - Throws: `BatchError` (`.workLeft`) when the server stays away, or the connection's own error when it
    ///   refuses (a changed password, a dropped database).
    func reconnect() throws {
        connection.close()
        let holder = record.holder
        connection = try Reconnection.open(
            .worker(name), on: context.backend, within: context.options.reconnectWindow,
            stopReason: { context.stopReason }
        ) { connection in
            try connection.write { database in
                try database.hold(holder)
                try RunStore.reopenWorker(holder.id, in: database)
            }
        }
        context.setConnection(of: name, connection)
        notice("reconnected to \(connection.location)")
    }
}
