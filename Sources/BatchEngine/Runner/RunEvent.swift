/// What a runner reports while it works, in order: run started, then per step started, progress…, finished or
/// failed, and last run finished.
public enum RunEvent: Sendable {
    /// The lease is held and work begins.
    case runStarted(RunStart)
    /// A step begins (or resumes at its cursor).
    case stepStarted(StepProgress)
    /// A tick ended: where the head step stands.
    case progress(StepProgress)
    /// A step is done.
    case stepFinished(StepProgress)
    /// A step's range failed and rolled back; the run stops.
    case stepFailed(StepFailure)
    /// A pause, resume or throttle request took effect.
    case controlChanged(ControlState)
    /// Something worth telling: a lease taken over, a busy database being retried.
    case notice(String)
    /// The run ended.
    case runFinished(RunSummary)
}

/// The start of a run.
public struct RunStart: Sendable, Equatable {
    /// The run's id in `batchrun_runs`.
    public var runID: Int64
    /// Ids of the steps left to do, in order.
    public var pending: [String]
    /// The holder whose expired or dead lease this run took over, if any.
    public var tookOverFrom: String?
}

/// Where a step stands.
public struct StepProgress: Sendable, Equatable {
    /// The step id.
    public var step: String
    /// Units processed, across all runs.
    public var processed: Int
    /// The estimated total, if known.
    public var total: Int?
    /// The smoothed rate of this run, units per second.
    public var rate: Double?
    /// Estimated seconds left for this step.
    public var secondsLeft: Double?
    /// The current range size.
    public var rangeSize: Int
    /// The last committed cursor.
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
    /// The cursor it stays at.
    public var cursor: Cursor?
}

/// How a run ended, with its figures.
public struct RunSummary: Sendable {
    /// The exit status it implies.
    public var status: ExitStatus
    /// One line for humans: drained, why it stopped, or which step failed.
    public var message: String
    /// Units processed by this run.
    public var processed: Int
    /// Steps this run finished.
    public var stepsFinished: Int
    /// Steps still not done.
    public var stepsLeft: Int
    /// The run's range transactions.
    public var ranges: RangeStats
    /// Wall time of the run.
    public var elapsed: Duration
}
