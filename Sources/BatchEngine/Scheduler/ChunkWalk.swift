/// What a worker tracks while it walks one chunk: the chunk as last committed, the range size, and the rates.
struct ChunkWalk {
    /// The claim, with the chunk as its last range left it.
    var claim: ClaimedChunk
    /// The range size, adapting toward the target.
    var sizer: RangeSizer
    /// Whether the next range is this worker's first of the chunk (it marks the step running).
    var isFirstRange = true
    /// Units this walk processed in the current tick.
    private var tickUnits = 0
    /// The step's count over all chunks at the end of the last tick, and when it was read.
    private var lastStepCount: (count: Int, at: ContinuousClock.Instant)?
    /// The rate of the whole step, from its count over all workers.
    private var stepMeter = RateMeter()
    /// The rate of this worker's chunk.
    private var chunkMeter = RateMeter()

    /// Starts walking `claim`, at the range size its chunk last had.
    init(claim: ClaimedChunk, options: RunnerOptions) {
        self.claim = claim
        sizer = RangeSizer(
            initial: claim.chunk.rangeSize ?? options.initialRangeSize, target: options.rangeTarget,
            bounds: options.rangeSizeBounds)
    }

    /// This worker's rate on the chunk, units per second.
    var chunkRate: Double? { chunkMeter.rate }

    /// Takes in a committed range.
    mutating func record(_ result: RangeResult, limit: Int, work: Duration, chunk: ChunkRecord) {
        sizer.record(limit: limit, processed: result.processed, elapsed: work)
        tickUnits = tickUnits.addingSaturating(result.processed)
        claim.chunk = chunk
        claim.stepTotal = result.totalEstimate ?? claim.stepTotal
        isFirstRange = false
    }

    /// Ends a tick: measures the rates and returns where the step stands.
    mutating func endTick(
        stepProcessed count: Int, at now: ContinuousClock.Instant, since start: ContinuousClock.Instant
    ) -> StepProgress {
        chunkMeter.record(tickUnits, over: now - start)
        tickUnits = 0
        if let last = lastStepCount { stepMeter.record(count - last.count, over: now - last.at) }
        lastStepCount = (count, now)
        return progress(worker: nil, stepProcessed: count, rate: stepMeter.rate ?? chunkMeter.rate)
    }

    /// Where the step stands, as far as this walk knows.
    func progress(worker: String?, stepProcessed: Int?, rate: Double?) -> StepProgress {
        let processed = stepProcessed ?? claim.chunk.processed
        let left = claim.stepTotal.map { max(0, $0 - processed) }
        return StepProgress(
            step: claim.step.id, worker: worker, chunk: claim.chunk.id, processed: processed,
            chunkProcessed: claim.chunk.processed, total: claim.stepTotal, rate: rate,
            secondsLeft: left.flatMap { left in rate.flatMap { $0 > 0 ? Double(left) / $0 : nil } },
            rangeSize: sizer.size, cursor: claim.chunk.cursor)
    }
}
