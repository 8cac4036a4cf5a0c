/// Where a step stands, as stored in `batchrun_steps` and its chunks in `batchrun_chunks`.
public struct StepRecord: Sendable, Equatable {
    /// The lifecycle of a step.
    public enum Status: String, Sendable, Codable {
        /// Not started, or started and interrupted before a range committed.
        case pending
        /// Workers have worked on it; each chunk's cursor marks its last committed range.
        case running
        /// A range failed; the chunks' cursors are at their last commits, and the next run retries from them.
        case failed
        /// Finished; it never runs again.
        case done
    }

    /// The step id.
    public var id: String
    /// The step's phase when it was recorded.
    public var phase: String
    /// Its status.
    public var status: Status
    /// The checksum of the definition it was started with.
    public var checksum: String
    /// The latest estimate of the total.
    public var total: Int?
    /// How many times it was started or resumed.
    public var attempts: Int
    /// The last error, if its last attempt failed.
    public var error: String?
    /// When it was first started (ISO 8601).
    public var startedAt: String?
    /// When its record last changed (ISO 8601).
    public var updatedAt: String?
    /// When it finished (ISO 8601).
    public var finishedAt: String?
    /// Its key sub-ranges, each with its own cursor, count and claim, in key order.
    public var chunks: [ChunkRecord] = []

    /// Units processed by committed ranges, over all chunks.
    public var processed: Int {
        chunks.lazy.map(\.processed).saturatingSum
    }

    /// The cursor of a step that was never split: where its next range starts.
    public var cursor: Cursor? {
        chunks.count == 1 ? chunks[0].cursor : nil
    }

    /// True once any range has committed or the step finished: its definition may no longer change silently.
    public var hasStarted: Bool {
        status == .done || chunks.contains { $0.cursor != nil || $0.processed > 0 || $0.isDone }
    }
}
