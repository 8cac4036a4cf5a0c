/// How a run ended, from its workers' outcomes and the queue as they left it; and the run's record closed.
struct RunConclusion {
    /// The summary the run reports.
    let summary: RunSummary

    /// Concludes from `outcomes`: an unusable database or state first, then a failed step, then a stop with work
    /// left; drained when every step of the plan is done.
    ///
    /// A run that has begun has written (its run record, and maybe ranges), so it never ends with 64 or 65, which
    /// promise that nothing was: a database or state error it meets stops it with work left (75), naming the error.
    /// What its ranges committed stays; the next run checks the state again before it writes anything.
    init(outcomes: [WorkerOutcome], context: RunContext, on coordinator: Coordinator, elapsed: Duration) {
        var ranges = RangeStats()
        for outcome in outcomes { ranges.merge(outcome.ranges) }
        let plan = context.plan
        let left: Int? = try? Self.use(coordinator, context) { database in
            try database.read { executor in
                let standings = try StepStore.standings(in: executor)
                return plan.steps.count { standings[$0.id]?.status != .done }
            }
        }
        let (status, message) = Self.ending(of: outcomes.map(\.end), context: context, stepsLeft: left)
        summary = RunSummary(
            status: status, message: message, processed: outcomes.map(\.processed).saturatingSum,
            stepsFinished: outcomes.map(\.stepsFinished).saturatingSum, stepsLeft: left ?? 0, ranges: ranges,
            elapsed: elapsed)
    }

    private static func ending(
        of ends: [WorkerOutcome.End], context: RunContext, stepsLeft: Int?
    ) -> (ExitStatus, String) {
        var stopped: String?
        var blocked = false
        for end in ends {
            switch end {
            case .error(let error):
                return (.workLeft, "stopped with work left: \(error.message); what this run committed is kept")
            case .stopped(let reason): stopped = stopped ?? reason
            case .blocked: blocked = true
            case .drained, .failed: break
            }
        }
        if let failure = context.failure ?? ends.lazy.compactMap(\.failure).first {
            return (.stepFailed, "step \(failure.step) failed: \(failure.message)")
        }
        if stepsLeft == 0 {
            return (.drained, "drained: \(allDone(context.plan.steps.count))")
        }
        if let stopped { return (.workLeft, stopped) }
        if blocked { return (.stepFailed, "the steps left depend on a step that failed") }
        return (.workLeft, "stopped with work left")
    }

    /// `all 8 steps are done`, `the 1 step is done`, `there are no steps`.
    static func allDone(_ count: Int) -> String {
        switch count {
        case 0: "there are no steps"
        case 1: "the 1 step is done"
        default: "all \(DisplayFormat.count(count)) steps are done"
        }
    }

    /// Closes the run's record, releases its lease, and forgets the control requests once no run is active. A failure
    /// here loses nothing (the next run closes a run whose process is gone), so it is not reported.
    static func close(_ context: RunContext, summary: RunSummary, on coordinator: Coordinator) {
        let outcome =
            switch summary.status {
            case .drained: "drained"
            case .stepFailed: "failed"
            default: "stopped"
            }
        _ = try? use(coordinator, context) { database in
            try database.write(TransactionLimits(lockTimeout: context.options.lockTimeout)) { executor in
                try RunStore.finish(context.run.id, outcome: outcome, processed: summary.processed, in: executor)
                try EventLog.append("run-finished", summary.message, run: context.run.id, in: executor)
                if let token = context.leaseToken { try LeaseStore.release(token: token, in: executor) }
                if try RunStore.activeRuns(in: executor).allSatisfy({ $0.id == context.run.id }) {
                    try ControlStore.clear(in: executor)
                }
            }
        }
    }

    /// Runs `body` on the run's connection, reconnecting it when it was lost; the run's end is not stopped by a
    /// stop request.
    private static func use<T>(
        _ coordinator: Coordinator, _ context: RunContext, _ body: (any BatchDatabase) throws -> T
    ) throws -> T {
        try coordinator.use(
            stopReason: { nil }, notice: { context.relay.post(.notice(worker: nil, message: $0)) }, body)
    }
}

extension WorkerOutcome.End {
    /// The step failure this end reports, if it is one.
    var failure: StepFailure? {
        if case .failed(let failure) = self { failure } else { nil }
    }
}
