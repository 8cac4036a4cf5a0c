/// Adapts the range size so a range's statements take about the target duration (the commit's sync comes on top:
/// it is the same for every size, and counting it would shrink ranges to nothing on a slow disk).
///
/// After each full range, the size moves to what the measured rate would do in the target time: at once when the
/// range was too slow, at most fourfold when it was fast, so one lucky range cannot overshoot far.
public struct RangeSizer: Sendable {
    /// The size the next range should have.
    public private(set) var size: Int
    /// The longest a range should aim to take for now, below the target (while other writers wait); `nil` for none.
    public var ceiling: Duration?
    private let target: Duration
    private let bounds: ClosedRange<Int>

    /// Creates a sizer starting at `initial`.
    public init(initial: Int, target: Duration, bounds: ClosedRange<Int>) {
        self.size = initial.clamped(to: bounds)
        self.target = target
        self.bounds = bounds
    }

    /// How much one range may grow the next: enough to reach 50 ms ranges from 1,000 rows in a few ranges.
    static let maximumGrowth = 4.0

    /// Learns from a range that asked for `limit` units and processed `processed` in `elapsed`.
    public mutating func record(limit: Int, processed: Int, elapsed: Duration) {
        guard processed >= limit, limit > 0 else { return }
        let seconds = max(elapsed.seconds, 1e-6)
        let ideal = Double(processed) / seconds * min(target, ceiling ?? target).seconds
        let next = min(ideal, Double(size) * Self.maximumGrowth)
        // Compared as a Double first: a size past `Int.max` (a huge `--range-size` growing fourfold) cannot convert.
        size = next >= Double(bounds.upperBound) ? bounds.upperBound : Int(next.rounded()).clamped(to: bounds)
    }

    /// Halves the size after a range ran past its statement timeout.
    /// - Returns: `false` when the size cannot shrink any more.
    public mutating func halve() -> Bool {
        guard size > bounds.lowerBound else { return false }
        size = (size / 2).clamped(to: bounds)
        return true
    }
}

extension Int {
    fileprivate func clamped(to bounds: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(self, bounds.lowerBound), bounds.upperBound)
    }
}
