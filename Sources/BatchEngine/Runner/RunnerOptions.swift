/// How a runner paces and bounds its work.
public struct RunnerOptions: Sendable {
    /// How long one tick runs ranges of the head step before it reports progress.
    public var budget: Duration = .seconds(1)
    /// The duration one range's transaction aims for; the range size adapts toward it.
    public var rangeTarget: Duration = .milliseconds(50)
    /// The range size a step starts with.
    public var initialRangeSize = 1_000
    /// The smallest and largest range size.
    public var rangeSizeBounds: ClosedRange<Int> = 1...10_000_000
    /// Stop gracefully, with work left, after this long.
    public var maxTime: Duration?
    /// Sleep this fraction of each range's duration after it, to leave room for other writers.
    public var throttle: Double = 0
    /// The least time the write lock is left free between two ranges, so that control requests and the
    /// application's writers get in; `throttle` lengthens it.
    public var pauseBetweenRanges: Duration = .milliseconds(1)
    /// How long a lease lives without a heartbeat before another runner may take it over.
    public var leaseTimeToLive: Duration = .seconds(60)
    /// How often a transaction that met a locked database is retried before the run stops with work left.
    public var busyRetries = 6
    /// The first retry's delay; each further retry doubles it.
    public var busyBackoff: Duration = .milliseconds(50)
    /// Ids of started steps whose changed definition the user accepts.
    public var acceptChanged: Set<String> = []

    /// The defaults: 1 s ticks, 50 ms ranges, no time limit, no throttle, a 60 s lease.
    public init() {}
}
