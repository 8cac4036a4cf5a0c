/// Everything the state tables say, read in one transaction.
public struct StateSnapshot: Sendable {
    /// The state schema version; 0 when the tables do not exist yet.
    public var schemaVersion: Int
    /// Step records by id.
    public var steps: [String: StepRecord]
    /// The lease, if someone holds or held it.
    public var lease: LeaseRecord?
    /// The most recent run, if any.
    public var lastRun: RunRecord?
    /// What has been asked of the lease holder's run.
    public var control = ControlState()
    /// The latest entries of the event log, oldest first.
    public var recentEvents: [EventRecord] = []

    /// The state of a database batchrun never wrote to.
    public static let empty = StateSnapshot(schemaVersion: 0, steps: [:], lease: nil, lastRun: nil)
}

/// One entry of `batchrun_events`.
public struct EventRecord: Sendable, Equatable {
    /// Increasing id.
    public var id: Int64
    /// When (ISO 8601).
    public var at: String
    /// The step concerned, if any.
    public var step: String?
    /// `run-started`, `step-started`, `step-done`, `step-failed`, `control`, `run-finished`, ...
    public var kind: String
    /// What happened.
    public var message: String
}

/// One run, as stored in `batchrun_runs`.
public struct RunRecord: Sendable, Equatable {
    /// The run id.
    public var id: Int64
    /// The runner's host.
    public var host: String
    /// The runner's process id.
    public var pid: Int32
    /// When it started (ISO 8601).
    public var startedAt: String
    /// When it ended, if it ended cleanly.
    public var finishedAt: String?
    /// How it ended: drained, failed, stopped.
    public var outcome: String?
    /// Units it processed.
    public var processed: Int
}
