/// How a run ended, as a process exit code (BSD sysexits where one fits).
public enum ExitStatus: Int32, Sendable, Codable {
    /// The queue is drained, or there was nothing to do.
    case drained = 0
    /// A step failed; its cursor and error are recorded.
    case stepFailed = 1
    /// The command line was wrong.
    case usage = 64
    /// An update file, the plan, a checksum or the state is invalid; nothing was written.
    case invalidInput = 65
    /// Stopped with work left: max-time, a signal, a stop request, a busy database, or a lease held elsewhere.
    case workLeft = 75
}
