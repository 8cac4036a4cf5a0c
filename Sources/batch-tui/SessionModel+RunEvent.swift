import BatchEngine
import Dashboard
import Foundation

extension SessionModel {
    /// Takes in an event of the runner this process drives: the step's counts and rate from the event, the worker
    /// it names from its `worker` field.
    mutating func apply(_ event: RunEvent, now: Date) {
        switch event {
        case .runStarted(let start):
            mode = .driving
            driver = .thisProcess(DashboardState.Process(host: ProcessIdentity.host, pid: ProcessIdentity.pid))
            startedAt = now
            runID = start.runID
            localWorkers.start(count: start.workers)
            note(
                "run \(start.runID): \(DisplayFormat.counted(start.pending.count, "step")) pending,"
                    + " \(DisplayFormat.counted(start.workers, "worker"))")
        case .stepStarted(let progress):
            update(progress, status: .running)
            localWorkers.began(progress, at: now)
            // Workers share batched steps chunk by chunk; a one-shot step (no total) has one chunk, not worth naming.
            let shared = progress.worker != nil && progress.total != nil
            let chunk = shared ? progress.chunk.map { " chunk \($0)" } ?? "" : ""
            note(
                "▸ \(progress.step)\(chunk) "
                    + (progress.cursor.map { "resumed after \($0.serialized)" } ?? "started")
                    + (progress.worker.map { " (\($0))" } ?? ""))
        case .progress(let progress):
            update(progress, status: .running)
            localWorkers.report(progress, at: now)
        case .stepFinished(let progress):
            update(progress, status: .done)
            localWorkers.release(step: progress.step)
            note("✓ \(progress.step) done" + Self.rows(progress))
        case .stepFailed(let failure):
            if let index = steps.firstIndex(where: { $0.id == failure.step }) { steps[index].status = .failed }
            localWorkers.release(step: failure.step)
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
        case .throttled(let worker, let reason):
            localWorkers.throttle(worker, reason: reason)
            if worker == nil && reason != nil { forgetRates() }
            note((worker.map { "\($0): " } ?? "") + (reason.map { "throttled: \($0)" } ?? "throttle signals clear"))
        case .runFinished(let summary):
            if mode == .starting { driver = .nobody }
            localWorkers.stop()
            watchedWorkers.clear()
            outcome = summary.status
            outcomeMessage =
                "\(summary.message); \(DisplayFormat.counted(summary.processed, "row")) in"
                + " \(DisplayFormat.elapsed(summary.elapsed.seconds))"
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
        return ": " + DisplayFormat.counted(progress.processed, "row")
    }

    /// Merges a worker's report on a step into the step's line: its count over all chunks (never lower than an
    /// earlier report's, as workers read it at different moments), total, rate and ETA; its chunks stay as the last
    /// poll read them, and a finished step stays finished.
    private mutating func update(_ progress: StepProgress, status: DashboardState.Step.Status) {
        guard let index = steps.firstIndex(where: { $0.id == progress.step }),
            steps[index].status != .done || status == .done
        else { return }
        let running = status == .running
        steps[index].status = status
        steps[index].processed = max(steps[index].processed, progress.processed)
        steps[index].total = progress.total
        steps[index].rate = running ? progress.rate : nil
        steps[index].secondsLeft = running ? progress.secondsLeft : nil
    }
}
