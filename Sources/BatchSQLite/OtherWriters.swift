/// What a connection has seen of other connections' commits, to size the gap after each range
/// (see `WriterCourtesy`).
struct OtherWriters {
    /// The last `PRAGMA data_version` seen.
    private var version: Int64
    /// When another connection's commit was last seen.
    private var lastCommit: ContinuousClock.Instant?
    /// When the last busy gap was left.
    private var lastBusyGap: ContinuousClock.Instant?

    /// Starts from the data version seen when the connection opened.
    init(version: Int64) {
        self.version = version
    }

    /// Takes in a data version read at `now`.
    /// - Returns: whether another connection committed since the last one seen.
    mutating func observe(_ seen: Int64, at now: ContinuousClock.Instant) -> Bool {
        guard seen != version else { return false }
        version = seen
        lastCommit = now
        return true
    }

    /// The longest gap to leave now, after a range.
    mutating func gap(seeing seen: Int64, at now: ContinuousClock.Instant, courtesy: WriterCourtesy) -> Duration {
        _ = observe(seen, at: now)
        guard courtesy.busyGap > .zero else { return courtesy.idleGap }
        let busy = lastCommit.map { now - $0 < courtesy.memory } ?? false
        let probe = lastBusyGap.map { now - $0 >= courtesy.probeEvery } ?? true
        guard busy || probe else { return courtesy.idleGap }
        lastBusyGap = now
        return courtesy.busyGap
    }
}
