import Foundation

/// Drives the queue: takes the lease, runs the pending steps in plan order, tick by tick, range by range, until the
/// queue is drained, a step fails, the time limit passes or a stop is requested; then releases the lease.
///
/// Each range runs in one transaction together with the step's new cursor and a lease renewal, so a crash at any
/// instant leaves either all three or none.
public final class Runner {
    /// The database the steps change and the state lives in.
    public let database: any BatchDatabase
    /// The steps, in any order; the plan orders them.
    public let steps: [any Step]
    /// Pacing and limits.
    public let options: RunnerOptions
    /// Set it to stop after the current range.
    public let stop: StopSignal

    let clock = ContinuousClock()
    let lease: Lease
    var stats = RangeStats()
    var deadline: ContinuousClock.Instant?
    var control = ControlState()
    var lastRenewal: ContinuousClock.Instant

    /// Creates a runner; nothing is read or written until `run(onEvent:)`.
    public init(
        database: any BatchDatabase, steps: [any Step], options: RunnerOptions = RunnerOptions(),
        stop: StopSignal = StopSignal()
    ) {
        self.database = database
        self.steps = steps
        self.options = options
        self.stop = stop
        self.lease = Lease(timeToLive: options.leaseTimeToLive)
        self.lastRenewal = clock.now
    }

    /// Runs until the queue is drained or the run must stop, reporting as it goes.
    ///
    /// A drained queue costs one read and no write. Before the first write, the plan, the checksums and a rehearsal
    /// of the pending steps are checked.
    /// - Returns: the summary; its `status` is the process exit status.
    /// - Throws: `BatchError` for invalid input (nothing written) or a lease held by a live runner (`.workLeft`).
    public func run(onEvent: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let started = clock.now
        deadline = options.maxTime.map { started + $0 }
        stats = RangeStats()
        control = ControlState()
        let plan = try Plan(steps)
        guard try check(plan) else {
            let summary = summary(.drained, "nothing to do: all \(plan.steps.count) steps are done", since: started)
            onEvent(.runFinished(summary))
            return summary
        }

        let (start, fresh) = try guarded { try database.write { try begin(plan, in: $0) } }
        onEvent(.runStarted(start))
        if let holder = start.tookOverFrom { onEvent(.notice("took over the lease of \(holder), which is gone")) }

        var processed = 0
        var finished = 0
        var outcome = (ExitStatus.drained, "drained: all \(plan.steps.count) steps are done")
        for step in plan.steps where fresh.steps[step.id]?.status != .done {
            let result = drive(step, from: fresh.steps[step.id], runID: start.runID, onEvent: onEvent)
            processed += result.processed
            guard let stopped = result.stopped else {
                finished += 1
                continue
            }
            outcome = stopped
            break
        }
        var summary = summary(outcome.0, outcome.1, since: started)
        summary.processed = processed
        summary.stepsFinished = finished
        summary.stepsLeft = start.pending.count - finished
        finish(runID: start.runID, summary: summary)
        onEvent(.runFinished(summary))
        return summary
    }

    /// Checks, without writing, that the queue can run: the plan, the state, the checksums, and a rehearsal of the
    /// pending steps against the current schema.
    /// - Returns: whether there is anything to write: a pending step or a checksum to update.
    /// - Throws: `BatchError` naming the file, line and step of the first problem.
    @discardableResult
    public func check() throws -> Bool {
        try check(Plan(steps))
    }

    private func check(_ plan: Plan) throws -> Bool {
        let state = try guarded { try database.read { try StateStore.snapshot(in: $0) } }
        let updates = try Preflight.checksumUpdates(plan: plan, state: state, accepted: options.acceptChanged)
        let pending = plan.steps.filter { state.steps[$0.id]?.status != .done }
        try guarded { try Preflight.rehearse(pending, against: database) }
        return !pending.isEmpty || !updates.isEmpty
    }

    /// In one transaction: upgrade the state tables, open a run, take the lease, record the steps.
    private func begin(_ plan: Plan, in database: any SQLExecutor) throws -> (RunStart, StateSnapshot) {
        try StateSchema.migrate(in: database)
        let runID = try StateStore.startRun(host: lease.host, pid: lease.pid, in: database)
        let previous = try lease.acquire(runID: runID, in: database)
        let state = try StateStore.snapshot(in: database)
        for step in try Preflight.checksumUpdates(plan: plan, state: state, accepted: options.acceptChanged) {
            try StateStore.register(step, known: true, in: database)
            try StateStore.log("accepted", "definition of \(step.id) updated", step: step.id, run: runID, in: database)
        }
        for step in plan.steps where state.steps[step.id] == nil {
            try StateStore.register(step, known: false, in: database)
        }
        if options.throttle > 0 {
            // Recorded so that dashboards attached to this run see the throttle it started with.
            try StateStore.update(control: .throttle(options.throttle), run: runID, in: database)
        }
        // Registering changes no status or cursor: the snapshot read under the lease is the state the run starts from.
        let pending = plan.steps.map(\.id).filter { state.steps[$0]?.status != .done }
        let tookOver = previous.map(\.holder)
        try StateStore.log(
            "run-started",
            "run \(runID) by \(lease.host) pid \(lease.pid): \(pending.count) steps pending"
                + (tookOver.map { ", took over the lease of \($0)" } ?? ""), run: runID, in: database)
        return (RunStart(runID: runID, pending: pending, tookOverFrom: tookOver), state)
    }

    /// Closes the run record and releases the lease; a failure here loses nothing, so it is only reported.
    private func finish(runID: Int64, summary: RunSummary) {
        let outcome =
            switch summary.status {
            case .drained: "drained"
            case .stepFailed: "failed"
            default: "stopped"
            }
        _ = try? guarded {
            try database.write { database in
                try StateStore.finishRun(runID, outcome: outcome, processed: summary.processed, in: database)
                try StateStore.log("run-finished", summary.message, run: runID, in: database)
                try lease.release(in: database)
            }
        }
    }

    func summary(_ status: ExitStatus, _ message: String, since started: ContinuousClock.Instant) -> RunSummary {
        RunSummary(
            status: status, message: message, processed: 0, stepsFinished: 0, stepsLeft: 0, ranges: stats,
            elapsed: clock.now - started)
    }

    /// Why the run should stop now, if it should: a stop request or the time limit.
    func stopReason() -> String? {
        if let reason = stop.requested { return reason }
        if let deadline, clock.now >= deadline { return "max time reached" }
        return nil
    }

    /// Runs `body`, retrying with doubling backoff while the database reports lock contention, and turns the
    /// database errors that stop a run into `BatchError`s. An error of a step's own work (`stepWork`) is left as it
    /// is, for the step's failure report; anywhere else it means the database or its state cannot be used.
    func guarded<T>(stepWork: Bool = false, _ body: () throws -> T) throws -> T {
        var delay = options.busyBackoff
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as BatchError {
                throw error
            } catch {
                let failure = database.classify(error)
                switch failure.kind {
                case .transient where attempt < options.busyRetries:
                    attempt += 1
                    Thread.sleep(forTimeInterval: delay.seconds)
                    delay *= 2
                case .permanent where stepWork:
                    throw error
                default:
                    throw failure.batchError(at: database.location)
                }
            }
        }
    }
}
