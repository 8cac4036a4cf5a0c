/// What one range of a step did, as the step reports it to the engine.
public struct RangeResult: Sendable, Equatable {
    /// Rows (or units of work) the range covered.
    public var processed: Int
    /// Where the next range starts, or `nil` when the walk reached the end of its range.
    public var next: Cursor?
    /// The step's current estimate of its total units of work, if it knows one.
    public var totalEstimate: Int?

    /// Creates a range result.
    public init(processed: Int, next: Cursor?, totalEstimate: Int? = nil) {
        self.processed = processed
        self.next = next
        self.totalEstimate = totalEstimate
    }

    /// True when the walk has no work left in its range.
    public var isDone: Bool { next == nil }
}
