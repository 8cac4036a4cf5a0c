/// A database error, classified so the engine knows whether to retry, reconnect, shrink, stop or fail.
public struct DatabaseFailure: Sendable, Equatable {
    /// How the engine treats the error.
    public enum Kind: Sendable, Equatable {
        /// Contention that clears by itself (SQLITE_BUSY, a deadlock, a serialization failure): retry with backoff.
        case transient
        /// A lock wait ran past the lock timeout: retry with backoff until the run's time is up.
        case lockTimeout
        /// A statement ran past the statement timeout the engine set: retry the range smaller.
        case statementTimeout
        /// The connection is gone (a lost network, a terminated session, a server restart): reconnect and go on
        /// from the committed cursor.
        case connectionLost
        /// The statement was interrupted on this process's request: stop, nothing is lost.
        case interrupted
        /// The database refuses writes: a read-only standby, or a read-only file.
        case readOnly
        /// The database cannot be used at all (unreadable, not a database).
        case unusable
        /// Anything else: the step fails.
        case permanent
    }

    /// How to treat it.
    public var kind: Kind
    /// The database's own message.
    public var message: String
    /// The statement that failed, when known.
    public var sql: String?

    /// Creates a classified failure.
    public init(kind: Kind, message: String, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
    }
}

extension DatabaseFailure {
    /// The error a user sees when this failure stops a command: contention, a lost server and interruptions leave
    /// work (exit 75); a read-only target is the wrong `--db` (64); anything else means the database, or batchrun's
    /// state in it, cannot be used (65).
    public func batchError(at location: String) -> BatchError {
        switch kind {
        case .transient, .lockTimeout:
            BatchError(.workLeft, "the database stayed locked by another connection: \(message)", sql: sql)
        case .connectionLost: BatchError(.workLeft, "lost the connection to \(location): \(message)")
        case .interrupted, .statementTimeout: BatchError(.workLeft, "interrupted: \(message)")
        case .readOnly:
            BatchError(.usage, "\(location) does not accept writes: \(message); point --db at the primary database")
        case .unusable, .permanent: BatchError(.invalidInput, "cannot use database \(location): \(message)", sql: sql)
        }
    }
}
