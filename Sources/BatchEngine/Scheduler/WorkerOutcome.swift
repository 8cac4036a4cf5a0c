/// How one worker's part of a run ended, with its figures.
struct WorkerOutcome: Sendable {
    /// Why it ended.
    enum End: Sendable {
        /// Every step of the plan is done.
        case drained
        /// Every step left depends on a failed one (with `--keep-going`).
        case blocked
        /// A step failed, here or in another worker; the run halts.
        case failed(StepFailure)
        /// It stopped with work left: a signal, the time limit, a stop request, a lost server.
        case stopped(String)
        /// The database or the state cannot be used.
        case error(BatchError)
    }

    /// Why it ended.
    var end: End
    /// Units its ranges processed.
    var processed = 0
    /// Steps whose last chunk it finished.
    var stepsFinished = 0
    /// Its range transactions.
    var ranges = RangeStats()
}
