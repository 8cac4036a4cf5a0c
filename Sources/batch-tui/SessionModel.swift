import BatchEngine
import Dashboard
import Foundation

/// What batch-tui knows about the run it drives or watches: written by the runner thread or the poller, read by
/// the UI thread, always through `SessionStore`.
struct SessionModel: Sendable {
    /// How the dashboard relates to the run.
    enum Mode: Sendable, Equatable {
        /// This process's runner checks the queue and starts its run.
        case starting
        /// This process's runner drives.
        case driving
        /// Other processes run the queue; this one watches.
        case attached
    }

    /// How the dashboard relates to the run.
    var mode = Mode.starting
    /// The database's path.
    var database: String
    /// Who drives.
    var driver = DashboardState.Driver.unknown
    /// The planned steps and where they stand.
    var steps: [DashboardState.Step]
    /// The latest messages, oldest first.
    var messages: [DashboardState.Message] = []
    /// What has been asked of the run and taken effect.
    var control = ControlState()
    /// The throttle the runner started with, when known (this process's option); a throttle request overrides it.
    var baseThrottle: Double?
    /// Whether this process asked its runner to stop.
    var stopping = false
    /// How the run ended, once it did.
    var outcome: ExitStatus?
    /// One line on how the run ended.
    var outcomeMessage: String?
    /// When the run started.
    var startedAt: Date?
    /// When the run ended.
    var endedAt: Date?
    /// The error that kept the run from starting (other than another runner holding the lease).
    var fatal: BatchError?
    /// Attached: the id of the last entry of the state's event log shown as a message.
    var lastEventID: Int64 = 0
    /// Driving: this process's run.
    var runID: Int64?
    /// Driving: this process's workers, from the run's events.
    var localWorkers = LocalWorkers()
    /// The workers of other processes, from polls of the queue.
    var watchedWorkers = WatchedWorkers()
    /// Attached: every process whose run was watched, in the order first seen.
    var watched: [DashboardState.Process] = []
    /// Attached: rates of the steps, measured here between polls.
    var stepRates = RateTracker()

    /// How many messages are kept.
    static let messagesKept = 50

    /// The model of a session about to start, from the queue as read before the run.
    init(database: String, status: QueueStatus, throttle: Double) {
        self.database = database
        steps = status.entries.map { Self.step($0, at: status.state.databaseTime) }
        baseThrottle = throttle
    }

    /// Appends a message, unless it repeats the last one.
    mutating func note(_ text: String, isError: Bool = false) {
        let message = DashboardState.Message(text, isError: isError)
        guard messages.last != message else { return }
        messages.append(message)
        if messages.count > Self.messagesKept { messages.removeFirst(messages.count - Self.messagesKept) }
    }

    /// Forgets the steps' rates and ETAs: the workers wait or the run ended, so they are not known until the next
    /// reports.
    mutating func forgetRates() {
        for index in steps.indices {
            steps[index].rate = nil
            steps[index].secondsLeft = nil
        }
    }

    /// The throttle in effect: the last request, else the runner's own option when known.
    var throttle: Double? { control.throttle ?? baseThrottle }

    /// Why workers hold new ranges back for a throttle signal: this process's, else another's.
    var throttleReason: String? { localWorkers.reason ?? watchedWorkers.reason }

    /// Whether every step is done.
    var isDrained: Bool { steps.allSatisfy { $0.status == .done } }

    /// What the run is doing, for the header.
    var runState: DashboardState.RunState {
        switch outcome {
        case .drained?: return .drained
        case .stepFailed?: return .failed
        case .some: return .stopped
        case nil: break
        }
        if mode == .starting { return stopping ? .stopping : .starting }
        if stopping || control.stopReason != nil { return .stopping }
        if control.paused { return .paused }
        return (throttle ?? 0) > 0 || throttleReason != nil ? .throttled : .running
    }

    /// A stored step as the dashboard shows it, its chunks' claims judged against the database's `clock`.
    static func step(_ entry: QueueStatus.Entry, at clock: Double?) -> DashboardState.Step {
        let status: DashboardState.Step.Status =
            switch entry.status {
            case .pending: .pending
            case .running: .running
            case .failed: .failed
            case .done: .done
            }
        let chunks = (entry.record?.chunks ?? []).map { chunk in
            let live = chunk.claimExpiresAt.map { expiry in clock.map { expiry > $0 } ?? true } ?? false
            return DashboardState.Chunk(
                processed: chunk.processed, estimate: chunk.estimate, isDone: chunk.isDone,
                isHeld: chunk.claimedBy != nil && live)
        }
        return DashboardState.Step(
            id: entry.step.id, status: status, processed: entry.record?.processed ?? 0, total: entry.record?.total,
            chunks: chunks)
    }
}
