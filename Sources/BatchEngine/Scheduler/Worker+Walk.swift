import Foundation

extension Worker {
    /// Walks a claimed chunk tick by tick, range by range, until it is done, the claim is lost, its step fails or
    /// the run must stop; the claim is released on the way out unless the chunk is done.
    func walk(_ claimed: ClaimedChunk) throws {
        var claim = claimed
        context.setClaim(of: record.id, token: claim.token)
        defer { context.setClaim(of: record.id, token: nil) }
        announce(claim)
        var walk = ChunkWalk(claim: claim, options: context.options)
        if claim.stepTotal == nil && claim.chunk.processed == 0 && claim.chunk.cursor == nil {
            claim.stepTotal = try estimate(claim.step)
            walk.claim.stepTotal = claim.stepTotal
        }
        context.relay.post(.stepStarted(walk.progress(worker: label, stepProcessed: nil, rate: nil)))
        do {
            ticks: while true {
                let tickStart = context.clock.now
                repeat {
                    if let reason = context.stopReason {
                        try giveUp(walk.claim)
                        throw BatchError(.workLeft, reason)
                    }
                    if context.failure != nil && !context.options.keepGoing {
                        try giveUp(walk.claim)
                        return
                    }
                    try waitWhileHeld(claim: walk.claim)
                    let range = try runRange(of: &walk)
                    outcome.ranges.record(range.transaction)
                    outcome.processed = outcome.processed.addingSaturating(range.result.processed)
                    if range.stepDone { outcome.stepsFinished += 1 }
                    if range.chunkDone {
                        context.observe(range.control)
                        try endTick(of: &walk, since: tickStart, finished: range.stepDone)
                        return
                    }
                    if range.control.paused || range.control != context.control {
                        // The tick so far is reported before a request takes effect: a pause shows the count it holds.
                        try endTick(of: &walk, since: tickStart, finished: false)
                        context.observe(range.control)
                        try pauseAfter(range.transaction, walk: &walk)
                        continue ticks
                    }
                    try pauseAfter(range.transaction, walk: &walk)
                } while context.clock.now - tickStart < context.options.budget
                try endTick(of: &walk, since: tickStart, finished: false)
            }
        } catch let lost as LostClaim {
            notice(
                "lost its claim on \(lost.what): \(lost.reason); it commits nothing more there and the worker that"
                    + " took it over goes on from the committed cursor")
        } catch let failure as RangeFailure {
            try fail(walk.claim, failure)
        }
    }

    /// Tells how the worker came by the chunk, when there is something to tell.
    private func announce(_ claim: ClaimedChunk) {
        switch claim.origin {
        case .free: break
        case .takenOver(let holder):
            notice("took over chunk \(claim.chunk.id) of \(claim.step.id) from \(holder), whose claim lapsed")
        case .split(let chunk, let point):
            notice("split chunk \(chunk) of \(claim.step.id) after \(point.serialized) and took the far part")
        }
    }

    /// The step's estimated total, read once before its first range.
    private func estimate(_ step: any Step) throws -> Int? {
        do {
            return try retrying { try connection.read { try step.estimateTotal(in: $0) } }
        } catch let error as BatchError {
            throw error
        } catch {
            throw RangeFailure(error: error, step: step)
        }
    }

    /// Ends a tick: reports the worker's state and the step's progress over all its chunks.
    private func endTick(of walk: inout ChunkWalk, since start: ContinuousClock.Instant, finished: Bool) throws {
        let id = walk.claim.step.id
        let stepProcessed = try retrying {
            try connection.write(claimLimits) { database in
                try RunStore.report(
                    worker: record.id, step: finished ? nil : id, chunk: finished ? nil : walk.claim.chunk.id,
                    rate: walk.chunkRate, state: finished ? "idle" : "running", in: database)
                return try ChunkStore.processed(of: id, in: database)
            }
        }
        let progress = walk.endTick(stepProcessed: stepProcessed, at: context.clock.now, since: start)
        var event = progress
        event.worker = label
        // A chunk's last range ends its tick too, so every chunk's count is reported; its step's last ends the step.
        context.relay.post(finished ? .stepFinished(event) : .progress(event))
    }

    /// After a range: room for the application's writers (and shorter ranges while they wait for them), then the
    /// throttle's share of the range's time.
    private func pauseAfter(_ range: Duration, walk: inout ChunkWalk) throws {
        walk.sizer.ceiling = connection.yieldToOtherWriters(afterRangeOf: range)
        let sleep = range * context.throttle
        if sleep > .zero { try hold(for: sleep, claim: walk.claim) }
    }

    /// Gives up a claim the worker will not finish, so another worker can take it at once.
    func giveUp(_ claim: ClaimedChunk) throws {
        try retrying {
            try connection.write(claimLimits) { try ChunkStore.release(claim.chunk.id, token: claim.token, in: $0) }
        }
    }

    /// Records a step's failure: its chunks keep their cursors, its claim goes, the run halts unless it keeps going.
    private func fail(_ claim: ClaimedChunk, _ range: RangeFailure) throws {
        let failure = range.report(at: claim.chunk.resumePoint, worker: label, database: connection)
        try retrying {
            try connection.write(claimLimits) { database in
                try StepStore.markFailed(claim.step.id, error: failure.message, in: database)
                try ChunkStore.release(claim.chunk.id, token: claim.token, in: database)
                try EventLog.append(
                    "step-failed", failure.message, step: claim.step.id, worker: record.label, run: context.run.id,
                    in: database)
            }
        }
        context.relay.post(.stepFailed(failure))
        context.recordFailure(failure)
    }
}
