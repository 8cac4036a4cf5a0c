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

    /// Runs the inner write transaction; times it when a range was logged during it.
    func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        let before = log.count
        let started = clock.now
        let result = try inner.write(body)
        if log.count > before { log.timeLast((clock.now - started).seconds) }
        return result
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
    func makeSchemaSandbox() throws -> any BatchDatabase {
        try inner.makeSchemaSandbox()
    }

    /// Interrupts the inner database.
    func interrupt() {
        inner.interrupt()
    }
}
