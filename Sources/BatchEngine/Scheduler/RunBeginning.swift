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

    /// Begins a run of `plan` with `workers` workers inside the caller's transaction; an `exclusive` run takes the
    /// lease.
    /// - Throws: `BatchError` (`.workLeft`) naming the holder when an exclusive runner holds the queue, or when this
    ///   run must be exclusive and others are running; `.invalidInput` for changed definitions or corrupt state.
    init(plan: Plan, options: RunnerOptions, workers: Int, exclusive: Bool, in database: any SQLExecutor) throws {
        try StateSchema.migrate(in: database, database.dialect)
        try RunStore.closeVanishedRuns(in: database)
        let clock = try StateStore.clock(in: database)
        if let lease = try LeaseStore.read(in: database, near: clock), lease.expiresAt > clock,
            try lease.runHolder.map({ try database.goneHolders([$0]).isEmpty }) ?? true
        {
            throw BatchError(
                .workLeft,
                "another runner holds the lease: \(lease.holder) (last heartbeat \(lease.heartbeatAt), expires in"
                    + " \(Int((lease.expiresAt - clock).rounded(.up)))s)", holder: lease.holder)
        }
        let active = try RunStore.activeRuns(in: database)
        if exclusive, let other = active.first {
            throw BatchError(
                .workLeft,
                "another runner is working on the queue: \(other.process) (run \(other.id),"
                    + " \(other.workers) worker\(other.workers == 1 ? "" : "s")); an exclusive run needs the queue to"
                    + " itself", holder: other.process)
        }
        let (host, pid) = (ProcessIdentity.host, ProcessIdentity.pid)
        let id = try RunStore.start(host: host, pid: pid, workers: workers, exclusive: exclusive, in: database)
        let run = RunRecord(
            id: id, host: host, pid: pid, startedAt: "", finishedAt: nil, outcome: nil, processed: 0, workers: workers)
        var tookOver: String?
        if exclusive {
            let token = UUID().uuidString
            tookOver = try LeaseStore.acquire(run: run, token: token, ttl: options.claimTimeToLive, in: database)?
                .holder
            leaseToken = token
        } else {
            leaseToken = nil
        }
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
            "run \(id) by \(host) pid \(pid) with \(workers) worker\(workers == 1 ? "" : "s"): \(pending.count)"
                + " step\(pending.count == 1 ? "" : "s") pending"
                + (tookOver.map { ", took over the lease of \($0)" } ?? ""),
            run: id, in: database)
        self.run = run
        start = RunStart(runID: id, pending: pending, workers: workers, tookOverFrom: tookOver)
    }
}
