import Foundation

/// The start of a run, in one transaction: the state tables created or upgraded, vanished runs closed, the run
/// recorded, the lease taken (exclusive runs) or found free, the steps and their first chunks registered, and failed
/// steps made pending again for this run to retry.
struct RunBeginning {
    /// The run, as recorded.
    let run: RunRecord
    /// The lease token of an exclusive run.
    let leaseToken: String?
    /// What the run starts with.
    let start: RunStart
    /// How this run came by the lease, when it took it over from another holder.
    let takeover: String?

    /// Begins a run of `plan` with `workers` workers inside the caller's transaction; an `exclusive` run takes the
    /// lease.
    /// - Throws: `BatchError` (`.workLeft`) naming the holder when an exclusive runner holds the queue, or when this
    ///   run must be exclusive and others are running; `.invalidInput` for changed definitions or corrupt state.
    init(plan: Plan, options: RunnerOptions, workers: Int, exclusive: Bool, in database: any SQLExecutor) throws {
        try StateSchema.migrate(in: database, database.dialect)
        try RunStore.closeVanishedRuns(in: database)
        let clock = try StateStore.clock(in: database)
        let lease = try LeaseStore.read(in: database, near: clock)
        if let lease, lease.expiresAt > clock,
            try lease.runHolder.map({ try database.goneHolders([$0]).isEmpty }) ?? true
        {
            throw BatchError(
                .workLeft,
                "another runner holds the lease: \(lease.holder) (last heartbeat \(lease.heartbeatAt), expires in"
                    + " \(Int((lease.expiresAt - clock).rounded(.up)))s)", holder: lease.holder)
        }
        var active = try RunStore.activeRuns(in: database)
        if exclusive, let lease {
            // The lease expired: its run is not waited for even if its process lives (stalled, or stopped past the
            // lease's life). Taking the lease fences it: it commits nothing more, and stops at its next range.
            active.removeAll { $0.id == lease.runID }
        }
        if exclusive, let other = active.first {
            throw BatchError(
                .workLeft,
                "another runner is working on the queue: \(other.process) (run \(other.id),"
                    + " \(DisplayFormat.counted(other.workers, "worker"))); an exclusive run needs the queue to"
                    + " itself", holder: other.process)
        }
        let (host, pid) = (ProcessIdentity.host, ProcessIdentity.pid)
        let id = try RunStore.start(host: host, pid: pid, workers: workers, exclusive: exclusive, in: database)
        let run = RunRecord(
            id: id, host: host, pid: pid, startedAt: "", finishedAt: nil, outcome: nil, processed: 0, workers: workers)
        let tookOver = exclusive ? lease?.holder : nil
        if exclusive {
            let token = UUID().uuidString
            try LeaseStore.acquire(run: run, token: token, ttl: options.claimTimeToLive, in: database)
            leaseToken = token
        } else {
            leaseToken = nil
        }
        takeover = exclusive ? lease.map { Self.takeover(of: $0, at: clock) } : nil
        try database.hold(run.holder)
        let state = try StateStore.snapshot(in: database)
        for step in try Preflight.checksumUpdates(plan: plan, state: state, accepted: options.acceptChanged) {
            try StepStore.accept(step, in: database)
            try EventLog.append("accepted", "definition of \(step.id) updated", step: step.id, run: id, in: database)
        }
        for step in plan.steps where state.steps[step.id] == nil { try StepStore.register(step, in: database) }
        try StepStore.retryFailed(in: database)
        if active.isEmpty { try StepStore.resumeInterrupted(in: database) }
        try RunStore.pruneWorkers(keepingRuns: 20, in: database)
        let pending = plan.steps.map(\.id).filter { state.steps[$0]?.status != .done }
        try EventLog.append(
            "run-started",
            "run \(id) by \(host) pid \(pid) with \(DisplayFormat.counted(workers, "worker")):"
                + " \(DisplayFormat.counted(pending.count, "step")) pending"
                + (tookOver.map { ", took over the lease of \($0)" } ?? ""),
            run: id, in: database)
        self.run = run
        start = RunStart(runID: id, pending: pending, workers: workers, tookOverFrom: tookOver)
    }

    /// The notice of a lease taken over from its holder: the holder is gone, or it lives but its lease expired.
    private static func takeover(of lease: LeaseRecord, at clock: Double) -> String {
        "took over the lease of \(lease.holder), "
            + (lease.expiresAt > clock ? "which is gone" : "whose lease expired without being renewed")
    }
}
