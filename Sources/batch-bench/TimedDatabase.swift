import BatchEngine

/// Wraps a database and times every write transaction in which a range was logged, so each logged range gets the
/// duration the engine's range sizer sees (begin to commit).
final class TimedDatabase: BatchDatabase {
    /// The database doing the work.
    private let inner: any BatchDatabase
    /// The log whose ranges get timed.
    private let log: RangeLog
    /// The clock of the measurements.
    private let clock = ContinuousClock()

    /// Wraps `inner`, timing the ranges of `log`.
    init(_ inner: any BatchDatabase, log: RangeLog) {
        self.inner = inner
        self.log = log
    }

    /// The inner database's location.
    var location: String { inner.location }

    /// The inner database's dialect.
    var dialect: SQLDialect { inner.dialect }

    /// Runs the inner write transaction; times it when a range was logged during it.
    func write<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        let before = log.count
        let started = clock.now
        let result = try inner.write(limits, body)
        if log.count > before { log.timeLast((clock.now - started).seconds) }
        return result
    }

    /// The inner autocommit.
    func autocommit<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try inner.autocommit(limits, body)
    }

    /// The inner read transaction.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try inner.read(body)
    }

    /// The inner classification.
    func classify(_ error: any Error) -> DatabaseFailure {
        inner.classify(error)
    }

    /// The inner sandbox.
    func makeSchemaSandbox(for steps: [any Step]) throws -> any BatchDatabase {
        try inner.makeSchemaSandbox(for: steps)
    }

    /// Interrupts the inner database.
    func interrupt() {
        inner.interrupt()
    }

    /// The inner courtesy to other writers.
    func yieldToOtherWriters(afterRangeOf duration: Duration) -> Duration? {
        inner.yieldToOtherWriters(afterRangeOf: duration)
    }

    /// Closes the inner database.
    func close() {
        inner.close()
    }
}

/// A backend whose workers' connections time their ranges (see `TimedDatabase`).
struct TimedBackend: BatchBackend {
    /// The backend doing the work.
    let inner: any BatchBackend
    /// The log whose ranges get timed.
    let log: RangeLog

    /// The inner backend's location.
    var location: String { inner.location }
    /// Whether the inner backend takes several writers.
    var allowsConcurrentWriters: Bool { inner.allowsConcurrentWriters }

    /// A worker's connection is timed; the others are the inner backend's own.
    func connect(_ role: ConnectionRole) throws -> any BatchDatabase {
        let database = try inner.connect(role)
        guard case .worker = role else { return database }
        return TimedDatabase(database, log: log)
    }
}
