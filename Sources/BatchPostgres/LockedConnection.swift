import Foundation
import PostgresClient

/// A libpq session behind a lock: `PostgresConnection` is owned by one thread at a time, and the engine's
/// connections must be `Sendable`, so every use of the session goes through `withConnection`, one at a time.
final class LockedConnection: @unchecked Sendable {
    // `connection` is touched only while `lock` is held.
    private let connection: PostgresConnection
    private let lock = NSLock()

    /// Takes ownership of `connection`.
    init(_ connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs `body` with the session, holding the lock.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }
}
