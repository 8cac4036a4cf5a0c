extension DashboardState {
    /// One planned step as the dashboard shows it.
    public struct Step: Sendable, Equatable {
        /// Where a step stands.
        public enum Status: Sendable, Equatable {
            /// Not started, or started and not at work now.
            case pending
            /// A runner works on it.
            case running
            /// Its last range failed.
            case failed
            /// Finished.
            case done
        }

        /// The step id.
        public var id: String
        /// Where it stands.
        public var status: Status
        /// Units processed, across all runs.
        public var processed: Int
        /// The estimated total, if known.
        public var total: Int?
        /// The smoothed rate, units per second, while it runs.
        public var rate: Double?
        /// Estimated seconds left, while it runs.
        public var secondsLeft: Double?
        /// Its key sub-ranges in key order, when known; a step that was never split has one or none.
        public var chunks: [Chunk]

        /// Creates a step line.
        public init(
            id: String, status: Status, processed: Int = 0, total: Int? = nil, rate: Double? = nil,
            secondsLeft: Double? = nil, chunks: [Chunk] = []
        ) {
            self.id = id
            self.status = status
            self.processed = processed
            self.total = total
            self.rate = rate
            self.secondsLeft = secondsLeft
            self.chunks = chunks
        }

        /// How far the step is, from 0 to 1; 0 while its total is unknown, 1 once done.
        public var fraction: Double {
            if status == .done { return 1 }
            guard let total, total > 0 else { return 0 }
            return min(1, max(0, Double(processed) / Double(total)))
        }

        /// Whether the list shows its chunks on a line of their own: it was split and is not done.
        public var showsChunks: Bool {
            status != .done && chunks.count > 1
        }
    }
}
