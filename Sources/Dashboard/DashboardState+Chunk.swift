extension DashboardState {
    /// One key sub-range of a step that workers share.
    public struct Chunk: Sendable, Equatable {
        /// Units its committed ranges processed.
        public var processed: Int
        /// The units it spans by the estimate, when known.
        public var estimate: Int?
        /// Whether its last range committed.
        public var isDone: Bool
        /// Whether a worker holds its claim now.
        public var isHeld: Bool

        /// Creates a chunk.
        public init(processed: Int = 0, estimate: Int? = nil, isDone: Bool = false, isHeld: Bool = false) {
            self.processed = processed
            self.estimate = estimate
            self.isDone = isDone
            self.isHeld = isHeld
        }

        /// How far it is, from 0 to 1; 1 once done, `nil` while it has begun and its size is unknown.
        public var fraction: Double? {
            if isDone { return 1 }
            if processed == 0 { return 0 }
            guard let estimate, estimate > 0 else { return nil }
            return min(1, Double(processed) / Double(estimate))
        }
    }
}
