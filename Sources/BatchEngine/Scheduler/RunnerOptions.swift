/// How a run paces, bounds and shares its work.
public struct RunnerOptions: Sendable {
    /// How many workers this process runs; `nil` for the backend's default (one on SQLite, the number of cores on
    /// PostgreSQL).
    public var workers: Int?
    /// Whether this run must be the queue's only runner: it takes the lease, and other runs exit with work left.
    /// SQLite runs are always exclusive.
    public var exclusive = false
    /// Whether, after a step fails, the run goes on with every step that does not depend on it (as `make -k`).
    public var keepGoing = false
    /// How long one tick runs ranges before the worker reports progress.
    public var budget: Duration = .seconds(1)
    /// The duration one range's statements aim for; the range size adapts toward it.
    public var rangeTarget: Duration = .milliseconds(50)
    /// The range size a chunk starts with.
    public var initialRangeSize = 1_000
    /// The smallest and largest range size.
    public var rangeSizeBounds: ClosedRange<Int> = 1...10_000_000
    /// Stop gracefully, with work left, after this long.
    public var maxTime: Duration?
    /// Sleep this fraction of each range's duration after it, to leave room for other writers.
    public var throttle: Double = 0
    /// How long a claim or the lease lives without a renewal before another worker may take it over.
    public var claimTimeToLive: Duration = .seconds(60)
    /// How long one statement may wait for a lock before it gives up and its transaction is retried later, so that
    /// the application's queries never queue behind batchrun (PostgreSQL's `lock_timeout`).
    public var lockTimeout: Duration = .milliseconds(250)
    /// How long one statement of a range may run before it is cancelled and the range retried smaller; `nil` for
    /// twenty times the range target, at least a second. One-shot steps have no statement timeout.
    public var rangeStatementTimeout: Duration?
    /// How long a worker whose connection was lost keeps trying to reconnect before the run stops with work left.
    public var reconnectWindow: Duration = .seconds(60)
    /// How often a transaction that met lock contention is retried before the run stops with work left.
    public var busyRetries = 6
    /// The first retry's delay; each further retry doubles it.
    public var busyBackoff: Duration = .milliseconds(50)
    /// How often an idle worker looks for work again.
    public var idlePoll: Duration = .milliseconds(200)
    /// Conditions that pause new ranges while they hold: replica lag, a throttle query.
    public var throttleSignals: [any ThrottleSignal] = []
    /// Ids of started steps whose changed definition the user accepts.
    public var acceptChanged: Set<String> = []

    /// The defaults: 1 s ticks, 50 ms ranges, no time limit, no throttle, 60 s claims, a 250 ms lock timeout.
    public init() {}

    /// The statement timeout of a range.
    var statementTimeout: Duration {
        rangeStatementTimeout ?? max(.seconds(1), rangeTarget * 20)
    }
}
