/// The narrow seam through which the engine reaches its database.
///
/// Nothing in the plan, the state logic or the runner may assume a particular database: they open transactions,
/// run statements with bound values, read rows and ask the seam how to classify an error.
public protocol BatchDatabase: AnyObject, Sendable {
    /// A human-readable name for messages: a path or a connection string without secrets.
    var location: String { get }

    /// Runs `body` in one write transaction that takes the write lock at once; commits if it returns,
    /// rolls back if it throws.
    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T

    /// Runs `body` in one read transaction: a consistent snapshot, no writes.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T

    /// Says what kind of failure an error thrown by this database is.
    func classify(_ error: any Error) -> DatabaseFailure

    /// A scratch database with the same schema and no rows, where pending steps are rehearsed before anything runs.
    func makeSchemaSandbox() throws -> any BatchDatabase

    /// Aborts the statement running now, from any thread; its transaction rolls back.
    func interrupt()
}

/// A database error, classified so the engine knows whether to retry, stop or fail.
public struct DatabaseFailure: Sendable, Equatable {
    /// How the engine should treat the error.
    public enum Kind: Sendable, Equatable {
        /// Lock contention (SQLITE_BUSY, SQLITE_LOCKED, serialization failures): retry with backoff.
        case transient
        /// The statement was interrupted on request: stop, nothing is lost.
        case interrupted
        /// The database cannot be used at all (unreadable, read-only, not a database).
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
    /// The error a user sees when this failure stops a command: lock contention and interruptions leave work
    /// (exit 75); anything else means the database, or batchrun's state in it, cannot be used (exit 65).
    public func batchError(at location: String) -> BatchError {
        switch kind {
        case .transient: BatchError(.workLeft, "the database stayed locked by another connection: \(message)", sql: sql)
        case .interrupted: BatchError(.workLeft, "interrupted: \(message)")
        case .unusable, .permanent: BatchError(.invalidInput, "cannot use database \(location): \(message)", sql: sql)
        }
    }
}

extension BatchDatabase {
    /// Runs `body`; a database error becomes the `BatchError` a user sees.
    func reportingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BatchError {
            throw error
        } catch {
            throw classify(error).batchError(at: location)
        }
    }
}
