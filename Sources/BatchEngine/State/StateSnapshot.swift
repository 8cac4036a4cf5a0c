/// Everything the state tables say, read in one transaction.
public struct StateSnapshot: Sendable {
    /// The state schema version; 0 when the tables do not exist yet.
    public var schemaVersion: Int
    /// Step records, with their chunks, by id.
    public var steps: [String: StepRecord]
    /// The exclusive lease, if a runner holds or held it.
    public var lease: LeaseRecord?
    /// Whether the lease's holder is alive and its lease unexpired.
    public var leaseIsLive = false
    /// The most recent run, if any.
    public var lastRun: RunRecord?
    /// The runs not finished whose process is alive.
    public var activeRuns: [RunRecord] = []
    /// The workers of the active runs, with their heartbeats.
    public var workers: [WorkerRecord] = []
    /// What has been asked of the workers of the latest run.
    public var control = ControlState()
    /// The latest entries of the event log, oldest first.
    public var recentEvents: [EventRecord] = []
    /// The database's clock when the snapshot was read, in seconds since 1970, to judge heartbeats and claim expiries
    /// against; `nil` for a database batchrun never wrote to.
    public var databaseTime: Double?

    /// The state of a database batchrun never wrote to.
    public static let empty = StateSnapshot(schemaVersion: 0, steps: [:])

    /// Creates a snapshot.
    public init(schemaVersion: Int, steps: [String: StepRecord]) {
        self.schemaVersion = schemaVersion
        self.steps = steps
    }
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
    /// The worker it concerns, as `host pid N wK`, if any.
    public var worker: String?
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
    /// When it ended, if it ended.
    public var finishedAt: String?
    /// How it ended: drained, failed, stopped, vanished.
    public var outcome: String?
    /// Units it processed.
    public var processed: Int
    /// How many workers it ran.
    public var workers: Int

    /// The run as a holder whose liveness the database can judge.
    public var holder: Holder { Holder(kind: .run, id: id, host: host, pid: pid) }

    /// `host pid N`, as messages name a run's process.
    public var process: String { "\(host) pid \(pid)" }
}
