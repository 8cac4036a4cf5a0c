import BatchEngine
import Foundation

/// Measures one SQLite table size: the baseline, the batched apply, the application writer beside both, the
/// fairness curve, resume after SIGKILL and the no-op apply.
struct SizeBench {
    /// The spawned executable.
    let batchrun: Batchrun
    /// Where the databases live.
    let scratch: ScratchFolder
    /// The databases' journal mode.
    let journal: JournalMode
    /// How many no-op applies to take the median of.
    let noOpRuns: Int
    /// How many times the plain UPDATE and each fairness point run: medians of their times, writer latencies pooled.
    let repeats: Int
    /// Where to report what is running, for the impatient.
    let log: (String) -> Void

    /// Runs every measurement of `size`, each on a fresh copy of one fixture, and deletes the files after.
    /// - Throws: `BenchError` when a run fails or a result is wrong; a GRDB or file system error.
    func measure(_ size: TableSize) throws -> SizeFigures {
        let fixture = scratch.file("fixture-\(size.label).sqlite")
        log("\(size.label): building the table")
        let fixtureTime = try Fixture.create(at: fixture, rows: size.rows, journal: journal)
        defer { scratch.removeDatabase(fixture) }
        let store = SQLiteFixtureStore(fixture: fixture, scratch: scratch, rows: size.rows)

        log("\(size.label): one UPDATE in one transaction, without and with the application writer")
        let baselines = try (0..<repeats).map { _ in
            try store.withCopy(named: "baseline") { try Baseline.run(on: $0, rows: size.rows).seconds }
        }
        let baseline = Statistics.median(baselines) ?? 0
        let baselineFigures = BaselineFigures(seconds: baseline, rowsPerS: Double(size.rows) / baseline)
        var writerDuringUpdate = WriterSamples()
        for _ in 0..<repeats {
            let (_, writer) = try store.withCopy(named: "baseline") { copy in
                try ApplicationWriter.during(store.writer(into: copy)) { try Baseline.run(on: copy, rows: size.rows) }
            }
            writerDuringUpdate = writerDuringUpdate.pooled(with: writer)
        }

        let updates = try scratch.folder("updates-bump")
        defer { scratch.remove(updates) }
        try Workload.writeBatchedStep(in: updates)
        log("\(size.label): batchrun apply, then no-op applies")
        let (batched, trace, noOp) = try store.withCopy(named: "batched") { database in
            let (run, trace) = try batchrun.tracedApply(
                database, updates: updates, progress: store.progress(of: Workload.batchedStepID, in: database))
            let correct = try store.isExactlyOnce(database)
            try Fixture.checkpoint(database)
            let noOp = try NoOpScenario.measure(batchrun, database: database, updates: updates, runs: noOpRuns)
            let figures = BatchedFigures(
                run: run, rows: size.rows, baselineRowsPerS: baselineFigures.rowsPerS, exactlyOnce: correct)
            return (figures, trace, noOp)
        }

        log("\(size.label): the application writer beside applies with --writer-gap \(FairnessScenario.gapsMs)ms")
        let fairness = try FairnessScenario(batchrun: batchrun, store: store, updates: updates, runs: repeats).measure(
            baselineRowsPerS: baselineFigures.rowsPerS, withoutWriter: batched.ratioToBaseline)

        log("\(size.label): SIGKILL late in the step, then resume")
        let resume = try ResumeScenario(batchrun: batchrun, store: store, arguments: [], killFraction: 0.9).measure(
            updates: updates, uninterrupted: trace, uninterruptedWall: batched.wallS)
        return SizeFigures(
            size: size.label, rows: size.rows, fixtureS: fixtureTime.seconds, baseline: baselineFigures,
            batched: batched, resume: resume, noOp: noOp, writerDuringUpdate: WriterFigures(writerDuringUpdate),
            fairness: fairness)
    }
}
