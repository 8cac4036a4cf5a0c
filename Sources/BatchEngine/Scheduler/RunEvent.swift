/// What a run reports while it works, delivered in order on the thread that called `Runner.run(onEvent:)`: run
/// started, then for each chunk a worker takes started, progress…, done or failed, and last run finished.
public enum RunEvent: Sendable {
    /// The run is registered and its workers start.
    case runStarted(RunStart)
    /// A worker begins a step's chunk (or resumes it at its cursor).
    case stepStarted(StepProgress)
    /// A tick ended: where the worker's step stands.
    case progress(StepProgress)
    /// A step is done: its last chunk committed.
    case stepFinished(StepProgress)
    /// A step's range failed and rolled back; its cursors stay.
    case stepFailed(StepFailure)
    /// A pause, resume, throttle or stop request took effect.
    case controlChanged(ControlState)
    /// Ranges wait for a throttle signal (`reason`), or go on again (`nil`).
    case throttled(worker: String?, reason: String?)
    /// Something worth telling: a claim taken over or lost, a chunk split, a retry after contention or a lost
    /// connection.
    case notice(worker: String?, message: String)
    /// The run ended.
    case runFinished(RunSummary)
}

/// The start of a run.
public struct RunStart: Sendable, Equatable {
    /// The run's id in `batchrun_runs`.
    public var runID: Int64
    /// Ids of the steps left to do, in plan order.
    public var pending: [String]
    /// How many workers this process runs.
    public var workers: Int
    /// The holder whose expired or dead lease this run took over, if any.
    public var tookOverFrom: String?
}

/// Where a step stands, as one worker sees it at the end of a tick.
public struct StepProgress: Sendable, Equatable {
    /// The step id.
    public var step: String
    /// The worker (`w1`), when more than one may be reporting.
    public var worker: String?
    /// The chunk the worker walks.
    public var chunk: Int64?
    /// Units processed in the step, over all its chunks and workers.
    public var processed: Int
    /// Units processed in the worker's chunk.
    public var chunkProcessed: Int
    /// The estimated total of the step, if known.
    public var total: Int?
    /// The smoothed rate of the whole step, over all its workers, units per second.
    public var rate: Double?
    /// Estimated seconds left for the step at that rate.
    public var secondsLeft: Double?
    /// The worker's current range size.
    public var rangeSize: Int
    /// The chunk's last committed cursor.
    public var cursor: Cursor?
}

/// A failed step.
public struct StepFailure: Sendable, Equatable {
    /// The step id.
    public var step: String
    /// The database's or the step's message.
    public var message: String
    /// Where the failing statement is defined.
    public var location: SourceLocation?
    /// The cursor its chunk stays at.
    public var cursor: Cursor?
    /// The worker whose range failed, when it was one of this process's.
    public var worker: String?
}

/// How a run ended, with its figures.
public struct RunSummary: Sendable {
    /// The exit status it implies.
    public var status: ExitStatus
    /// One line for humans: drained, why it stopped, or which step failed.
    public var message: String
    /// Units processed by this run's workers.
    public var processed: Int
    /// Steps this run's workers finished.
    public var stepsFinished: Int
    /// Steps of the plan still not done.
    public var stepsLeft: Int
    /// The run's range transactions, over all its workers.
    public var ranges: RangeStats
    /// Wall time of the run.
    public var elapsed: Duration
}
