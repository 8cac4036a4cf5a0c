import BatchEngine
import Dashboard
import Foundation

extension SessionModel {
    /// Takes in a poll of the queue another process drives: step records, rates measured here, the lease, the
    /// control requests and new entries of the event log. A lease gone (or whose holder died) ends the run.
    mutating func apply(_ status: QueueStatus, meters: [String: RateMeter], now: Date) {
        steps = status.entries.map { entry in
            var step = Self.step(entry)
            if step.status == .running, let meter = meters[step.id] {
                step.rate = meter.rate
                step.secondsLeft = step.total.flatMap { meter.secondsLeft(for: $0 - step.processed) }
            }
            return step
        }
        control = status.state.control
        for event in status.state.recentEvents where event.id > lastEventID {
            lastEventID = event.id
            let text =
                event.kind == "step-failed" ? "\(event.step ?? "a step") failed: \(event.message)" : event.message
            note(text, isError: event.kind == "step-failed")
        }
        guard outcome == nil else { return }
        if let run = status.state.activeRuns.first {
            driver = .others([DashboardState.Process(host: run.host, pid: run.pid)])
            if startedAt == nil { startedAt = (try? Date.ISO8601FormatStyle().parse(run.startedAt)) ?? now }
            return
        }
        for index in steps.indices {
            steps[index].rate = nil
            steps[index].secondsLeft = nil
        }
        let failed = steps.contains { $0.status == .failed }
        outcome = isDrained ? .drained : failed ? .stepFailed : .workLeft
        outcomeMessage =
            "the run of \(driverName) ended: " + (isDrained ? "drained" : failed ? "a step failed" : "work left")
        driver = .nobody
        endedAt = now
        note(outcomeMessage ?? "", isError: failed)
    }

    /// `host pid N` of the runner watched, or `the other runner` before it is known.
    var driverName: String {
        if case .others(let processes) = driver, let process = processes.first { return process.description }
        return "the other runner"
    }
}
