import BatchEngine
import Foundation

/// Smoothed rates of counts that grow between observations: a step's `processed` between polls of a queue another
/// process drives, or a worker's count in its chunk between its progress events.
struct RateTracker: Sendable {
    /// A smoothed rate per key.
    private var meters: [String: RateMeter] = [:]
    /// Each key's count at its previous observation, and when.
    private var previous: [String: (count: Int, at: Date)] = [:]

    /// Records that `key` counts `count` at `now`; a count that went down starts over from it.
    /// - Returns: the key's meter, once it has a rate.
    mutating func observe(_ key: String, count: Int, at now: Date) -> RateMeter? {
        if let last = previous[key], count >= last.count {
            meters[key, default: RateMeter()].record(count - last.count, over: .seconds(now.timeIntervalSince(last.at)))
        }
        previous[key] = (count, now)
        return meters[key].flatMap { $0.rate == nil ? nil : $0 }
    }

    /// Forgets `key`'s meter and count: its next observation starts a new one.
    mutating func forget(_ key: String) {
        meters[key] = nil
        previous[key] = nil
    }
}
