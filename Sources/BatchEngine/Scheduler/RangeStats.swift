/// Durations of the range transactions of a run: count, longest, and a histogram for percentiles.
public struct RangeStats: Sendable {
    /// Ranges committed.
    public private(set) var count = 0
    /// The longest range transaction.
    public private(set) var longest: Duration = .zero
    private static let bucketWidth = 0.000_1
    private var buckets = [Int](repeating: 0, count: 10_000)

    /// An empty record.
    public init() {}

    /// Adds one range transaction's duration.
    public mutating func record(_ duration: Duration) {
        count += 1
        longest = max(longest, duration)
        let bucket = Int(duration.seconds / Self.bucketWidth)
        buckets[min(bucket, buckets.count - 1)] += 1
    }

    /// Adds another record's ranges, such as another worker's.
    public mutating func merge(_ other: RangeStats) {
        count += other.count
        longest = max(longest, other.longest)
        for index in buckets.indices { buckets[index] += other.buckets[index] }
    }

    /// The duration that `fraction` (say 0.99) of ranges did not exceed, to 0.1 ms.
    public func percentile(_ fraction: Double) -> Duration {
        guard count > 0 else { return .zero }
        let wanted = Int((Double(count) * fraction).rounded(.up))
        var seen = 0
        for (index, number) in buckets.enumerated() {
            seen += number
            if seen >= wanted { return min(.seconds(Double(index + 1) * Self.bucketWidth), longest) }
        }
        return longest
    }
}
