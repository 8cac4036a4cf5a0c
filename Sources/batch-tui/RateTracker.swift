import BatchEngine

/// Rates of the steps another process runs, measured from the growth of their `processed` counts between polls.
struct RateTracker {
    /// A smoothed rate per step.
    private var meters: [String: RateMeter] = [:]
    /// Each step's count at the previous poll, and when.
    private var previous: [String: (processed: Int, at: ContinuousClock.Instant)] = [:]

    /// Records the counts of the running steps of `status`, polled at `now`.
    /// - Returns: the meters of the running steps that have a rate.
    mutating func observe(_ status: QueueStatus, at now: ContinuousClock.Instant) -> [String: RateMeter] {
        var running: [String: RateMeter] = [:]
        for entry in status.entries where entry.status == .running {
            let id = entry.step.id
            let processed = entry.record?.processed ?? 0
            if let last = previous[id], processed >= last.processed {
                meters[id, default: RateMeter()].record(processed - last.processed, over: now - last.at)
            }
            previous[id] = (processed, now)
            if let meter = meters[id], meter.rate != nil { running[id] = meter }
        }
        return running
    }
}
