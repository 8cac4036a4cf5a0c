/// Everything one benchmark run measured; `--json` writes it with snake_case keys.
struct BenchFigures: Encodable {
    /// The spawned `batchrun` executable.
    var batchrun: String
    /// The journal mode of the databases.
    var journalMode: String
    /// The engine's default range target, in milliseconds.
    var rangeTargetMs: Double
    /// The engine's default tick budget, in seconds.
    var budgetS: Double
    /// The system's load averages (1, 5, 15 min) at the start: other work on the machine skews timings.
    var loadAverage: String
    /// Anything that makes the figures doubtful, e.g. a stale batchrun.
    var warnings: [String]
    /// The measured statement, as the one-transaction baseline runs it.
    var statement: String
    /// One entry per SQLite table size, smallest first; empty with `--backend postgres`.
    var sizes: [SizeFigures]
    /// Ratios of the largest two sizes' figures (10m over 1m), when both ran.
    var growth: GrowthFigures?
    /// The queue of many tiny finished steps.
    var tinyQueue: TinyQueueFigures?
    /// The step whose second half is heavier per row.
    var adaptation: AdaptationFigures?
    /// The PostgreSQL figures, when `--backend` asked for them.
    var postgres: PostgresFigures?
}

/// The figures of one table size.
struct SizeFigures: Encodable {
    /// The size as written on the command line, e.g. `1m`.
    var size: String
    /// Rows in the table.
    var rows: Int
    /// Building the table with a recursive CTE insert, seconds.
    var fixtureS: Double
    /// (1) the whole-table statement in one transaction.
    var baseline: BaselineFigures
    /// (2) the same statement as a batched step in a `batchrun apply` process.
    var batched: BatchedFigures
    /// (3) a run killed with SIGKILL late in the step, then a fresh apply.
    var resume: ResumeFigures
    /// (4) `batchrun apply` on the drained database.
    var noOp: NoOpFigures
    /// (8) the application writer's latencies during (1), run again with the writer on.
    var writerDuringUpdate: WriterFigures
    /// (8) the fairness curve: applies with the writer on, one per `--writer-gap`.
    var fairness: FairnessFigures
}

/// (1) the physical limit.
struct BaselineFigures: Encodable {
    /// Duration including commit, seconds.
    var seconds: Double
    /// Rows per second.
    var rowsPerS: Double
}

/// (2) the batched step run by the engine at default settings, in its own process.
struct BatchedFigures: Encodable {
    /// Spawn to reaped, seconds.
    var wallS: Double
    /// The run as the engine timed it (no process start-up), seconds.
    var engineS: Double
    /// Rows per second over the process's wall time.
    var rowsPerS: Double
    /// `rowsPerS` over the baseline's.
    var ratioToBaseline: Double
    /// Range transactions committed.
    var ranges: Int
    /// The longest range transaction, milliseconds.
    var longestRangeMs: Double
    /// The 99th percentile of range transactions, milliseconds.
    var p99RangeMs: Double
    /// The process's peak resident set size, MB.
    var peakRssMb: Double
    /// Every row's counter went up by exactly 1.
    var exactlyOnce: Bool
}

/// (3) the cost of resuming after SIGKILL.
struct ResumeFigures: Encodable {
    /// The committed fraction of the step when the process was killed; `nil` when it could not be killed mid-step.
    var killedAtFraction: Double?
    /// Why the figures are missing, when they are.
    var note: String?
    /// The fresh apply that finished the step: spawn to reaped, seconds.
    var resumeS: Double?
    /// The time the uninterrupted run (2) took for the same remaining rows, up to its exit, seconds.
    var uninterruptedRemainderS: Double?
    /// `resumeS / uninterruptedRemainderS`.
    var ratio: Double?
    /// Ranges the resuming run committed.
    var resumeRanges: Int?
    /// The resuming process's peak resident set size, MB.
    var peakRssMb: Double?
    /// After kill and resume, every row's counter went up by exactly 1.
    var exactlyOnce: Bool
}

/// (4) an apply with nothing to do.
struct NoOpFigures: Encodable {
    /// The median wall time of the runs, milliseconds.
    var medianMs: Double
    /// Every run's wall time, milliseconds.
    var runsMs: [Double]
    /// The largest peak resident set size of the runs, MB.
    var peakRssMb: Double
}

/// (5) growth from one size to ten times that size.
struct GrowthFigures: Encodable {
    /// The smaller size, e.g. `1m`.
    var from: String
    /// The larger size, e.g. `10m`.
    var to: String
    /// Baseline time ratio.
    var baseline: Double
    /// Batched apply wall time ratio.
    var batched: Double
    /// Resume time ratio, when both resumed.
    var resume: Double?
    /// No-op apply median ratio.
    var noOp: Double
    /// Peak RSS ratio of the batched apply processes.
    var peakRss: Double
}

/// (4) a queue of many one-line steps: applying them once, then the no-op.
struct TinyQueueFigures: Encodable {
    /// How many steps.
    var steps: Int
    /// The first apply, which runs them all, seconds.
    var firstApplyS: Double
    /// The first apply ran in a folder in memory (tmpfs), without disk syncs.
    var firstApplyInMemory: Bool
    /// The median no-op apply afterwards, milliseconds.
    var noOpMedianMs: Double
    /// Every no-op run, milliseconds.
    var noOpRunsMs: [Double]
    /// The largest peak RSS of the no-op runs, MB.
    var noOpPeakRssMb: Double
}

/// (7) range sizes before and after the per-row cost rises.
struct AdaptationFigures: Encodable {
    /// Rows in the table.
    var rows: Int
    /// Rows with a key above this cost more.
    var switchKey: Int64
    /// The range target, milliseconds.
    var targetMs: Double
    /// Measured per-row cost after the switch over before it (settled ranges).
    var heavierBy: Double
    /// All ranges, in order.
    var ranges: [AdaptationRange]
    /// Ranges before the switch.
    var before: RangeGroup
    /// Ranges after the switch, once settled (the first two after it left out).
    var afterSettled: RangeGroup
    /// Index of the range spanning the switch.
    var straddlingIndex: Int?
    /// The engine's longest range transaction, milliseconds.
    var longestMs: Double
    /// The engine's 99th percentile, milliseconds.
    var p99Ms: Double
    /// Ranges from the one spanning the switch up to the first one back within 1.5 times the target (excluded).
    var transitionRanges: Int?
    /// The longest of those, milliseconds.
    var transitionLongestMs: Double?
    /// The longest range outside the transition, milliseconds.
    var longestOutsideTransitionMs: Double
    /// Ranges longer than twice the target.
    var rangesOverTwiceTarget: Int
    /// Every range outside the transition is at most twice the target.
    var outsideTransitionNearTarget: Bool
    /// Every row's counter went up by exactly 1.
    var exactlyOnce: Bool
}

/// One range of the adaptation run.
struct AdaptationRange: Encodable {
    /// Rows covered.
    var rows: Int
    /// Transaction time, milliseconds.
    var ms: Double
    /// Where it lies: `before`, `straddles` or `after`.
    var part: String
}

/// Medians over a group of ranges.
struct RangeGroup: Encodable {
    /// Ranges in the group.
    var count: Int
    /// Median rows per range.
    var medianRows: Double
    /// Median transaction time, milliseconds.
    var medianMs: Double
    /// Median microseconds per row.
    var medianMicrosPerRow: Double
}
