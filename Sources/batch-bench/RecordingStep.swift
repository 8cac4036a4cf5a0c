import BatchEngine

/// Wraps a step and logs every range it runs: the size asked for, the rows covered and the keys it spans.
struct RecordingStep: Step {
    /// The step doing the work.
    let inner: any Step
    /// Where ranges are logged.
    let log: RangeLog

    /// The inner step's id.
    var id: String { inner.id }
    /// The inner step's dependencies.
    var dependencies: [String] { inner.dependencies }
    /// The inner step's phase.
    var phase: Phase { inner.phase }
    /// The inner step's checksum.
    var checksum: String { inner.checksum }
    /// The inner step's origin.
    var origin: SourceLocation? { inner.origin }
    /// The inner step's worker limit.
    var maxWorkers: Int { inner.maxWorkers }
    /// Whether the inner step runs in transactions.
    var isTransactional: Bool { inner.isTransactional }
    /// Whether the inner step's work comes in ranges.
    var isBatched: Bool { inner.isBatched }

    /// Where the inner step defines `sql`.
    func location(ofStatement sql: String?) -> SourceLocation? {
        inner.location(ofStatement: sql)
    }

    /// The inner step's estimate.
    func estimateTotal(in database: any SQLExecutor) throws -> Int? {
        try inner.estimateTotal(in: database)
    }

    /// The inner step's rehearsal.
    func rehearse(in sandbox: any SQLExecutor) throws {
        try inner.rehearse(in: sandbox)
    }

    /// Runs the inner step's range and logs it.
    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        let result = try inner.run(range, limit: limit, in: database)
        log.append(
            RangeRecord(
                limit: limit, processed: result.processed, fromKey: range.after.flatMap(Self.integer),
                toKey: result.next.flatMap(Self.integer)))
        return result
    }

    /// The integer key of an integer cursor.
    private static func integer(_ cursor: Cursor) -> Int64? {
        if case .integer(let value) = cursor { return value }
        return nil
    }
}
