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
    func drive(
        _ step: any Step, from record: StepRecord?, runID: Int64, onEvent: (RunEvent) -> Void
    ) -> StepResult {
        var progress = StepProgress(
            step: step.id, processed: record?.processed ?? 0, total: record?.total, rate: nil, secondsLeft: nil,
            rangeSize: options.initialRangeSize, cursor: record?.cursor)
        var sizer = RangeSizer(
            initial: options.initialRangeSize, target: options.rangeTarget, bounds: options.rangeSizeBounds)
        var meter = RateMeter()
        var done = 0
        do {
            if progress.cursor == nil && progress.processed == 0 {
                progress.total = try guarded { try database.read { try step.estimateTotal(in: $0) } }
            }
            try guarded {
                try database.write { database in
                    try StateStore.markRunning(step.id, total: progress.total, in: database)
                    try StateStore.log("step-started", "\(step.id) started", step: step.id, run: runID, in: database)
                }
            }
            onEvent(.stepStarted(progress))
            while true {
                if let reason = stopReason() { return StepResult(processed: done, stopped: (.workLeft, reason)) }
                let tickStart = clock.now
                let tickEnd = tickStart + options.budget
                var tickUnits = 0
                repeat {
                    let limit = sizer.size
                    let (result, elapsed, control) = try guarded {
                        try runRange(step, from: progress.cursor, limit: limit, runID: runID)
                    }
                    stats.record(elapsed)
                    sizer.record(limit: limit, processed: result.processed, elapsed: elapsed)
                    tickUnits += result.processed
                    done += result.processed
                    progress.processed += result.processed
                    progress.cursor = result.next
                    progress.total = result.totalEstimate ?? progress.total
                    progress.rangeSize = sizer.size
                    if result.isDone {
                        progress.secondsLeft = 0
                        try? guarded {
                            try database.write {
                                try StateStore.log("step-done", "\(step.id) done", step: step.id, run: runID, in: $0)
                            }
                        }
                        onEvent(.stepFinished(progress))
                        return StepResult(processed: done, stopped: nil)
                    }
                    try honour(control, runID: runID, onEvent: onEvent)
                    let throttle = self.control.throttle ?? options.throttle
                    if throttle > 0 { Thread.sleep(forTimeInterval: elapsed.seconds * throttle) }
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
                    try StateStore.markFailed(step.id, error: failure.message, in: database)
                    try StateStore.log("step-failed", failure.message, step: step.id, run: runID, in: database)
                }
            }
            onEvent(.stepFailed(failure))
            let status = (error as? BatchError)?.status ?? .stepFailed
            return StepResult(processed: done, stopped: (status, "step \(step.id) failed: \(failure.message)"))
        }
    }

    /// One range in one transaction: renew the lease, run the step, record its cursor, read the control requests.
    private func runRange(
        _ step: any Step, from cursor: Cursor?, limit: Int, runID: Int64
    ) throws -> (RangeResult, Duration, ControlState) {
        let start = clock.now
        let (result, control) = try database.write { database in
            try lease.renew(in: database)
            let result = try step.run(from: cursor, limit: limit, in: database)
            try StateStore.advance(step.id, by: result, in: database)
            return (result, try StateStore.control(run: runID, in: database))
        }
        lastRenewal = clock.now
        return (result, lastRenewal - start, control)
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
