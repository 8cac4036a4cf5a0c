import Foundation

/// A smoothed rate (units per second): an exponentially weighted average whose weight decays with time, so a burst
/// or a stall moves it within a few seconds without making it jump.
public struct RateMeter: Sendable {
    /// The time constant of the smoothing.
    public let smoothing: Duration
    /// Units per second, or `nil` before the first sample.
    public private(set) var rate: Double?

    /// Creates a meter with the given time constant.
    public init(smoothing: Duration = .seconds(5)) {
        self.smoothing = smoothing
    }

    /// Adds `units` done over `elapsed`.
    public mutating func record(_ units: Int, over elapsed: Duration) {
        let seconds = elapsed.seconds
        guard seconds > 0 else { return }
        let sample = Double(units) / seconds
        guard let current = rate else {
            rate = sample
            return
        }
        let weight = 1 - exp(-seconds / smoothing.seconds)
        rate = current + weight * (sample - current)
    }

    /// Seconds until `remaining` units are done at the current rate; `nil` when the rate is unknown or zero.
    public func secondsLeft(for remaining: Int) -> Double? {
        guard let rate, rate > 0 else { return nil }
        return Double(max(remaining, 0)) / rate
    }
}
