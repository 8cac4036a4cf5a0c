import BatchEngine
import ChildProcesses
import Foundation

/// Measures one table size: the baseline, the batched apply, resume after SIGKILL and the no-op apply.
struct SizeBench {
    /// How often the committed count is polled while a child runs.
    static let pollInterval: Duration = .milliseconds(2)

    /// The spawned executable.
    let batchrun: Batchrun
    /// Where the databases live.
    let scratch: ScratchFolder
    /// The databases' journal mode.
    let journal: JournalMode
    /// How many no-op applies to take the median of.
    let noOpRuns: Int
    /// Where to report what is running, for the impatient.
    let log: (String) -> Void

    /// Runs every measurement of `size`, each on a fresh copy of one fixture, and deletes the files after.
    /// - Throws: `BenchError` when a run fails or a result is wrong; a GRDB or file system error.
    func measure(_ size: TableSize) throws -> SizeFigures {
        let fixture = scratch.file("fixture-\(size.label).sqlite")
        log("\(size.label): building the table")
        let fixtureTime = try Fixture.create(at: fixture, rows: size.rows, journal: journal)
        defer { scratch.removeDatabase(fixture) }

        log("\(size.label): one UPDATE in one transaction")
        let baseline = try withCopy(of: fixture, named: "baseline") { try Baseline.run(on: $0, rows: size.rows) }
        let baselineFigures = BaselineFigures(
            seconds: baseline.seconds, rowsPerS: Double(size.rows) / baseline.seconds)

        let updates = try scratch.folder("updates-bump")
        try Workload.writeBatchedStep(in: updates)
        log("\(size.label): batchrun apply, then no-op applies")
        let (batched, trace, noOp) = try withCopy(of: fixture, named: "batched") { database in
            let (run, trace) = try tracedApply(database, updates: updates)
            let correct = try Fixture.rowsNotUpdatedOnce(in: database, expectedRows: size.rows) == 0
            try Fixture.checkpoint(database)
            let noOp = try NoOpScenario.measure(batchrun, database: database, updates: updates, runs: noOpRuns)
            return (figures(of: run, rows: size.rows, baseline: baselineFigures, exactlyOnce: correct), trace, noOp)
        }

        log("\(size.label): SIGKILL late in the step, then resume")
        let resumed = scratch.file("resume.sqlite")
        defer { scratch.removeDatabase(resumed) }
        let resume = try ResumeScenario(batchrun: batchrun, rows: size.rows, pollInterval: Self.pollInterval).measure(
            fixture: fixture, database: resumed, updates: updates, uninterrupted: trace,
            uninterruptedWall: batched.wallS)
        scratch.remove(updates)
        return SizeFigures(
            size: size.label, rows: size.rows, fixtureS: fixtureTime.seconds, baseline: baselineFigures,
            batched: batched, resume: resume, noOp: noOp)
    }

    /// Runs apply on `database`, polling the committed count into a trace; the run must drain the queue.
    private func tracedApply(_ database: String, updates: String) throws -> (ApplyRun, ProgressTrace) {
        let poller = ProgressPoller(path: database, step: Workload.batchedStepID)
        var trace = ProgressTrace()
        let run = try batchrun.apply(database: database, updates: updates, polling: Self.pollInterval) { child in
            guard let processed = poller.processed() else { return }
            trace.record(processed, at: (ChildProcess.clock.now - child.started).seconds)
        }
        poller.close()
        let drained = try run.drained("the batched apply")
        // The last commit and the exit are often closer together than one poll: the exit stands for it.
        if let processed = drained.finished?.processed {
            trace.record(processed, at: drained.termination.wall.seconds)
        }
        return (drained, trace)
    }

    /// The figures of the batched apply `run`.
    private func figures(of run: ApplyRun, rows: Int, baseline: BaselineFigures, exactlyOnce: Bool) -> BatchedFigures {
        let wall = run.termination.wall.seconds
        let finished = run.finished!
        return BatchedFigures(
            wallS: wall, engineS: finished.elapsedS, rowsPerS: Double(rows) / wall,
            ratioToBaseline: Double(rows) / wall / baseline.rowsPerS, ranges: finished.ranges,
            longestRangeMs: finished.longestRangeMs, p99RangeMs: finished.p99RangeMs,
            peakRssMb: Double(run.termination.peakRSSBytes) / 1_048_576, exactlyOnce: exactlyOnce)
    }

    /// Runs `body` on a fresh copy of `fixture`, deleting the copy afterwards.
    private func withCopy<T>(of fixture: String, named name: String, _ body: (String) throws -> T) throws -> T {
        let copy = scratch.file("\(name).sqlite")
        try Fixture.copy(fixture, to: copy)
        defer { scratch.removeDatabase(copy) }
        return try body(copy)
    }
}
