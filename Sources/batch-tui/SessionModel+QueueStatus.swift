import BatchEngine
import Dashboard
import Foundation

extension SessionModel {
    /// Takes in a poll of a queue other processes drive: step records and their chunks, rates measured here, the
    /// workers, the control requests and new entries of the event log (with the worker they concern). The watched
    /// run ends when no active run remains.
    mutating func apply(_ status: QueueStatus, now: Date) {
        let clock = status.state.databaseTime
        steps = status.entries.map { entry in
            var step = Self.step(entry, at: clock)
            let meter = step.status == .running ? stepRates.observe(step.id, count: step.processed, at: now) : nil
            if let meter {
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
            note(text + (event.worker.map { " (\($0))" } ?? ""), isError: event.kind == "step-failed")
        }
        guard outcome == nil else { return }
        let runs = status.state.activeRuns
        guard runs.isEmpty else {
            let processes = runs.map { DashboardState.Process(host: $0.host, pid: $0.pid) }
            driver = .others(processes)
            watched += processes.filter { !watched.contains($0) }
            watchedWorkers.observe(status.state, leavingOut: nil, at: now)
            if startedAt == nil { startedAt = Self.start(of: runs, clock: clock, now: now) }
            return
        }
        end(now: now)
    }

    /// Takes in a poll of the queue this process drives (PostgreSQL, where others may share it): what the run's
    /// events cannot tell, the steps' chunks, other processes' workers, and steps another process finished or
    /// advanced.
    mutating func merge(_ status: QueueStatus, now: Date) {
        guard outcome == nil else { return }
        let clock = status.state.databaseTime
        for entry in status.entries {
            guard let index = steps.firstIndex(where: { $0.id == entry.step.id }) else { continue }
            let stored = Self.step(entry, at: clock)
            steps[index].chunks = stored.chunks
            steps[index].processed = max(steps[index].processed, stored.processed)
            if stored.status == .done || stored.status == .failed, steps[index].status != stored.status {
                steps[index].status = stored.status
                steps[index].rate = nil
                steps[index].secondsLeft = nil
            }
        }
        watchedWorkers.observe(status.state, leavingOut: runID, at: now)
    }

    /// The end of the runs watched: their outcome from the steps, and no more rates or workers.
    private mutating func end(now: Date) {
        forgetRates()
        watchedWorkers.clear()
        let failed = steps.contains { $0.status == .failed }
        outcome = isDrained ? .drained : failed ? .stepFailed : .workLeft
        outcomeMessage = "\(watchedRuns) ended: " + (isDrained ? "drained" : failed ? "a step failed" : "work left")
        driver = .nobody
        endedAt = now
        note(outcomeMessage ?? "", isError: failed)
    }

    /// When the earliest of `runs` started, on this machine's clock: the database's clock read at `clock` is
    /// taken to be `now`.
    private static func start(of runs: [RunRecord], clock: Double?, now: Date) -> Date {
        guard let clock, let started = runs.compactMap({ StateTime.seconds($0.startedAt) }).min() else { return now }
        return now.addingTimeInterval(started - clock)
    }

    /// `the run of host pid 12`, `the runs of host pid 12 and host pid 40`, or `the other run` before any is known.
    var watchedRuns: String {
        let names = watched.map(\.description)
        guard !names.isEmpty else { return "the other run" }
        return (names.count == 1 ? "the run of " : "the runs of ") + names.listed
    }
}
