/// How a SQLite run leaves room for the application's writers between its ranges.
///
/// SQLite has one write lock, and a writer using SQLite's default busy handler does not queue for it: it sleeps
/// and tries again, 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms apart. A gap of a millisecond between two
/// ranges rarely meets one of those tries. So while another connection is seen committing (`PRAGMA data_version`
/// changes), each gap lasts until that writer got in, up to `busyGap`: longer than the handler's sleeps in its first
/// 128 ms, so a writer blocked during a range gets in at the gap after it. After a range that held the lock longer,
/// such a writer sleeps 50 or 100 ms between tries, and the gap grows to that sleep plus 5 ms. With no other writer
/// seen for `memory`,
/// gaps are `idleGap`, and every `probeEvery` one gap of `busyGap` lets a writer that started meanwhile in.
public struct WriterCourtesy: Sendable, Equatable {
    /// The gap after a range while no other writer is seen; batchrun's own connections poll every millisecond.
    public var idleGap: Duration
    /// The gap after a range while another writer is seen (it ends once that writer got in, and grows after a long
    /// range); zero turns the courtesy off.
    public var busyGap: Duration
    /// How long after another connection's last commit the busy gaps go on.
    public var memory: Duration
    /// How often, while no other writer is seen, one busy gap is left anyway.
    public var probeEvery: Duration
    /// The longest a range aims to take while another writer is seen, when `--range-time` is longer: a writer
    /// blocked by a range then gets in at the handler's tries 53 or 78 ms after its first, not 103 ms.
    public var busyRangeTarget: Duration

    /// The defaults: 1 ms idle gaps, busy gaps of up to 30 ms and ranges aiming at 30 ms for 5 s after another
    /// writer's last commit, a probe every second.
    public init(
        idleGap: Duration = .milliseconds(1), busyGap: Duration = .milliseconds(30), memory: Duration = .seconds(5),
        probeEvery: Duration = .seconds(1), busyRangeTarget: Duration = .milliseconds(30)
    ) {
        self.idleGap = idleGap
        self.busyGap = busyGap
        self.memory = memory
        self.probeEvery = probeEvery
        self.busyRangeTarget = busyRangeTarget
    }
}
