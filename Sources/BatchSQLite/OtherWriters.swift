/// What a connection has seen of other connections' commits, to size the gap after each range
/// (see `WriterCourtesy`).
struct OtherWriters {
    /// The last `PRAGMA data_version` seen.
    private var version: Int64
    /// When another connection's commit was last seen.
    private var lastCommit: ContinuousClock.Instant?
    /// When the last busy gap was left; the connection's opening counts as one, so probes start a period later.
    private var lastBusyGap: ContinuousClock.Instant

    /// Starts from the data version seen when the connection opened, at `now`.
    init(version: Int64, at now: ContinuousClock.Instant = .now) {
        self.version = version
        lastBusyGap = now
    }

    /// Takes in a data version read at `now`.
    /// - Returns: whether another connection committed since the last one seen.
    mutating func observe(_ seen: Int64, at now: ContinuousClock.Instant) -> Bool {
        guard seen != version else { return false }
        version = seen
        lastCommit = now
        return true
    }

    /// The longest gap to leave now, after a range that held the write lock for `held`, and whether another
    /// connection was seen writing (not just probed for).
    ///
    /// A busy gap must outlast the sleep a blocked writer is in: a writer blocked since the range began has waited
    /// up to `held`, and SQLite's default handler sleeps longer the longer it waited. So after a range that held the
    /// lock past the handler's short sleeps, the gap grows to the sleep the writer may be in, plus a margin.
    mutating func gap(
        seeing seen: Int64, at now: ContinuousClock.Instant, afterHolding held: Duration, courtesy: WriterCourtesy
    ) -> (gap: Duration, othersWriting: Bool) {
        _ = observe(seen, at: now)
        guard courtesy.busyGap > .zero else { return (courtesy.idleGap, false) }
        let busy = lastCommit.map { now - $0 < courtesy.memory } ?? false
        guard busy || now - lastBusyGap >= courtesy.probeEvery else { return (courtesy.idleGap, false) }
        lastBusyGap = now
        return (max(courtesy.busyGap, Self.defaultHandlerSleep(afterWaiting: held) + .milliseconds(5)), busy)
    }

    /// The sleeps of SQLite's default busy handler (`sqliteDefaultBusyCallback`); after the last listed one it
    /// sleeps 100 ms each time.
    private static let handlerSleeps: [Duration] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100].map(
        Duration.milliseconds)

    /// The sleep the default busy handler is in, or begins, once it has waited `waited`.
    static func defaultHandlerSleep(afterWaiting waited: Duration) -> Duration {
        var slept = Duration.zero
        for sleep in handlerSleeps {
            if slept + sleep > waited { return sleep }
            slept += sleep
        }
        return handlerSleeps[handlerSleeps.count - 1]
    }
}
