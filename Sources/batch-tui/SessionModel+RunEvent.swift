import BatchEngine
import Dashboard
import Foundation

extension SessionModel {
    /// Takes in an event of the runner this process drives.
    mutating func apply(_ event: RunEvent, now: Date) {
        switch event {
        case .runStarted(let start):
            mode = .driving
            driver = .thisProcess(DashboardState.Process(host: ProcessIdentity.host, pid: ProcessIdentity.pid))
            startedAt = now
            note("run \(start.runID): \(start.pending.count) steps pending")
        case .stepStarted(let progress):
            update(progress, status: .running)
            note("▸ \(progress.step) " + (progress.cursor.map { "resumed after \($0.serialized)" } ?? "started"))
        case .progress(let progress):
            update(progress, status: .running)
        case .stepFinished(let progress):
            update(progress, status: .done)
            note("✓ \(progress.step) done" + Self.rows(progress))
        case .stepFailed(let failure):
            if let index = steps.firstIndex(where: { $0.id == failure.step }) { steps[index].status = .failed }
            note(
                "\(failure.step) failed: \(failure.message)" + (failure.location.map { " (at \($0))" } ?? ""),
                isError: true)
        case .controlChanged(let control):
            let previous = self.control
            self.control = control
            if control.paused != previous.paused { note(control.paused ? "paused" : "resumed") }
            if control.throttle != previous.throttle { note("throttle \(DisplayFormat.throttle(throttle ?? 0))") }
        case .notice(let worker, let text):
            note((worker.map { "\($0): " } ?? "") + text)
        case .throttled(_, let reason):
            note(reason.map { "throttled: \($0)" } ?? "throttle signals clear")
        case .runFinished(let summary):
            if mode == .starting { driver = .nobody }
            outcome = summary.status
            outcomeMessage =
                "\(summary.message); \(DisplayFormat.count(summary.processed)) rows in"
                + " \(DisplayFormat.duration(summary.elapsed.seconds))"
            endedAt = now
            if summary.status != .stepFailed { note(summary.message) }
        }
    }

    /// Takes the error that kept this process's run from starting: another runner holding the queue means
    /// attaching to it; anything else, a busy or unreachable database included, ends the session.
    mutating func runDidNotStart(_ error: BatchError) {
        guard error.holder != nil, mode == .starting else {
            fatal = error
            return
        }
        mode = .attached
        baseThrottle = nil
        note(error.message + "; attaching")
    }

    /// `: 1,000 rows` for a step that counted something, nothing for a schema change.
    private static func rows(_ progress: StepProgress) -> String {
        if progress.processed == 0 && progress.total == nil { return "" }
        return ": \(DisplayFormat.count(progress.processed)) row" + (progress.processed == 1 ? "" : "s")
    }

    /// Copies a step's progress into its line.
    private mutating func update(_ progress: StepProgress, status: DashboardState.Step.Status) {
        guard let index = steps.firstIndex(where: { $0.id == progress.step }) else { return }
        let running = status == .running
        steps[index] = DashboardState.Step(
            id: progress.step, status: status, processed: progress.processed, total: progress.total,
            rate: running ? progress.rate : nil, secondsLeft: running ? progress.secondsLeft : nil)
    }
}
