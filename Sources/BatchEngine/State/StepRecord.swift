/// Where a step stands, as stored in `batchrun_steps`.
public struct StepRecord: Sendable, Equatable {
    /// The lifecycle of a step.
    public enum Status: String, Sendable, Codable {
        /// Not started, or started and interrupted before a range committed.
        case pending
        /// A runner has worked on it; its cursor marks the last committed range.
        case running
        /// Its last range failed; the cursor is at the last commit.
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
    /// The last committed cursor, `nil` before the first range commits.
    public var cursor: Cursor?
    /// Units processed by committed ranges.
    public var processed: Int
    /// The latest estimate of the total.
    public var total: Int?
    /// The checksum of the definition it was started with.
    public var checksum: String
    /// How many runs have worked on it.
    public var attempts: Int
    /// The last error, if its last attempt failed.
    public var error: String?
    /// When it was first started (ISO 8601).
    public var startedAt: String?
    /// When its record last changed (ISO 8601).
    public var updatedAt: String?
    /// When it finished (ISO 8601).
    public var finishedAt: String?
    /// The size of its last committed range, where a resumed step starts.
    public var rangeSize: Int?

    /// True once any range has committed or the step finished: its definition may no longer change silently.
    public var hasStarted: Bool {
        status == .done || cursor != nil || processed > 0
    }
}
