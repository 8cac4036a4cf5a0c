/// One connection to the database the steps change and the state lives in, owned by one worker at a time.
///
/// Nothing in the plan, the state logic or the scheduler assumes a particular database: they open transactions, run
/// statements with bound values, read rows, and ask the connection how to classify an error.
public protocol BatchDatabase: AnyObject, Sendable {
    /// A human-readable name for messages: a path, or a URL without its password.
    var location: String { get }

    /// The backend's SQL for what standard SQL leaves open.
    var dialect: SQLDialect { get }

    /// Runs `body` in one write transaction; commits if it returns, rolls back if it throws.
    func write<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T

    /// Runs `body` in one read-only transaction that sees one consistent snapshot.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T

    /// Runs `body` outside any transaction: each statement commits on its own (`-- transaction: none`).
    func autocommit<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T

    /// Says what kind of failure an error thrown by this connection is.
    func classify(_ error: any Error) -> DatabaseFailure

    /// A scratch schema with the tables `steps` may use and no rows, where pending steps are rehearsed before
    /// anything runs. It takes no lock on the application's tables beyond a moment and leaves nothing behind.
    func makeSchemaSandbox(for steps: [any Step]) throws -> any BatchDatabase

    /// Aborts the statement running now, from any thread; its transaction rolls back.
    func interrupt()

    /// Called after each committed range, with the range's duration: leaves room for the application's writers where
    /// the database needs it (SQLite's one write lock); returns at once where row locks already do.
    /// - Returns: the longest the next range should aim to take while other writers wait for it, `nil` for no limit
    ///   beyond the run's own range target.
    func yieldToOtherWriters(afterRangeOf duration: Duration) -> Duration?

    /// Closes the connection; further use fails.
    func close()
}

extension BatchDatabase {
    /// A write transaction with no time limits.
    public func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try write(TransactionLimits(), body)
    }

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

/// How long a transaction's statements may wait for a lock, and run, before the database gives up on them.
public struct TransactionLimits: Sendable, Equatable {
    /// The longest wait for one lock; `nil` for the connection's default.
    public var lockTimeout: Duration?
    /// The longest run of one statement; `nil` for no limit.
    public var statementTimeout: Duration?

    /// Creates limits; both default to none.
    public init(lockTimeout: Duration? = nil, statementTimeout: Duration? = nil) {
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
    }
}
