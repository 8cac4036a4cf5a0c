import Foundation

extension Runner {
    /// What driving one step came to.
    struct StepResult {
        /// Units this run processed in the step.
        var processed: Int
        /// The exit status and message when the run must stop here; `nil` when the step is done.
        var stopped: (ExitStatus, String)?
    }

    /// Runs ticks of `step` until it is done, fails, or the run must stop.
    ///
    /// The step's bookkeeping rides in its range transactions: the first range of this run marks it running, the
    /// last marks it done, so a one-shot step costs one commit.
    func drive(
        _ step: any Step, from record: StepRecord?, runID: Int64, onEvent: (RunEvent) -> Void
    ) -> StepResult {
        let initialSize = record?.rangeSize ?? options.initialRangeSize
        var sizer = RangeSizer(initial: initialSize, target: options.rangeTarget, bounds: options.rangeSizeBounds)
        var progress = StepProgress(
            step: step.id, processed: record?.processed ?? 0, total: record?.total, rate: nil, secondsLeft: nil,
            rangeSize: sizer.size, cursor: record?.cursor)
        var meter = RateMeter()
        var started = false
        /// What this run processed in the step.
        var done: Int { progress.processed - (record?.processed ?? 0) }
        do {
            if progress.cursor == nil && progress.processed == 0 {
                progress.total = try guarded(stepWork: true) { try database.read { try step.estimateTotal(in: $0) } }
            }
            onEvent(.stepStarted(progress))
            while true {
                if let reason = stopReason() { return StepResult(processed: done, stopped: (.workLeft, reason)) }
                let tickStart = clock.now
                let tickEnd = tickStart + options.budget
                var tickUnits = 0
                repeat {
                    let limit = sizer.size
                    let range = RangeRequest(
                        step: step, cursor: progress.cursor, limit: limit, runID: runID, startsStep: !started,
                        total: progress.total)
                    let (result, timing, control) = try guarded(stepWork: true) { try runRange(range) }
                    let elapsed = timing.transaction
                    started = true
                    stats.record(elapsed)
                    sizer.record(limit: limit, processed: result.processed, elapsed: timing.work)
                    tickUnits += result.processed
                    progress.processed += result.processed
                    progress.cursor = result.next
                    progress.total = result.totalEstimate ?? progress.total
                    progress.rangeSize = sizer.size
                    if result.isDone {
                        progress.secondsLeft = 0
                        onEvent(.stepFinished(progress))
                        return StepResult(processed: done, stopped: nil)
                    }
                    try honour(control, runID: runID, onEvent: onEvent)
                    let throttle = self.control.throttle ?? options.throttle
                    let pause = max(options.pauseBetweenRanges.seconds, elapsed.seconds * throttle)
                    if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                } while clock.now < tickEnd && stopReason() == nil
                meter.record(tickUnits, over: clock.now - tickStart)
                progress.rate = meter.rate
                progress.secondsLeft = progress.total.flatMap { meter.secondsLeft(for: $0 - progress.processed) }
                onEvent(.progress(progress))
            }
        } catch let error as BatchError where error.status == .workLeft {
            return StepResult(processed: done, stopped: (.workLeft, error.message))
        } catch {
            let failure = failureReport(of: error, in: step, at: progress.cursor)
            _ = try? guarded {
                try database.write { database in
                    try StateStore.markFailed(step.id, error: failure.message, countAttempt: !started, in: database)
                    try StateStore.log("step-failed", failure.message, step: step.id, run: runID, in: database)
                }
            }
            onEvent(.stepFailed(failure))
            let status = (error as? BatchError)?.status ?? .stepFailed
            return StepResult(processed: done, stopped: (status, "step \(step.id) failed: \(failure.message)"))
        }
    }

    /// One range of a step, as the runner asks for it.
    private struct RangeRequest {
        let step: any Step
        let cursor: Cursor?
        let limit: Int
        let runID: Int64
        /// True for this run's first range of the step, which also marks it running.
        let startsStep: Bool
        /// The step's total estimate, recorded by the first range.
        let total: Int?
    }

    /// How long a range took: the whole transaction, and the step's own work within it, which excludes the commit's
    /// sync, a fixed cost per range that no range size can shrink.
    private struct RangeTiming {
        let transaction: Duration
        let work: Duration
    }

    /// One range in one transaction: mark the step running if this run had not yet, run the step, renew the lease,
    /// record the cursor (and `done`), read the control requests.
    private func runRange(_ range: RangeRequest) throws -> (RangeResult, RangeTiming, ControlState) {
        let start = clock.now
        var work = Duration.zero
        let id = range.step.id
        let (result, control) = try database.write { database in
            if range.startsStep {
                try StateStore.markRunning(id, total: range.total, in: database)
                try StateStore.log("step-started", "\(id) started", step: id, run: range.runID, in: database)
            }
            let workStart = clock.now
            let result = try range.step.run(from: range.cursor, limit: range.limit, in: database)
            work = clock.now - workStart
            // Renewed after the work, so a long range cannot commit a lease that already expired; the token check
            // fences this commit against a runner that took the lease over meanwhile.
            let time = StateStore.now()
            try lease.renew(at: time, in: database)
            try StateStore.advance(id, by: result, rangeSize: range.limit, at: time, in: database)
            if result.isDone { try StateStore.log("step-done", "\(id) done", step: id, run: range.runID, in: database) }
            return (result, try StateStore.control(run: range.runID, in: database))
        }
        lastRenewal = clock.now
        return (result, RangeTiming(transaction: lastRenewal - start, work: work), control)
    }

    private func failureReport(of error: any Error, in step: any Step, at cursor: Cursor?) -> StepFailure {
        if let error = error as? BatchError {
            return StepFailure(
                step: step.id, message: error.message, location: error.location ?? step.origin, cursor: cursor)
        }
        let failure = database.classify(error)
        return StepFailure(
            step: step.id, message: failure.message, location: step.location(ofStatement: failure.sql),
            cursor: cursor)
    }
}
