import BatchEngine
import Foundation
import PostgresClient

/// Measures one table size on PostgreSQL: the plain UPDATE, `batchrun apply --workers N` for each N, resume after
/// SIGKILL, the no-op apply, and, when asked, the lag pause; the writer, the replica lag, WAL and bloat beside each.
struct PostgresSizeBench {
    /// The spawned executable.
    let batchrun: Batchrun
    /// The server.
    let server: PostgresServerTarget
    /// Where the update files go.
    let scratch: ScratchFolder
    /// The worker counts measured; the first one's run is the resume's reference.
    let workers: [Int]
    /// How many no-op applies to take the median of.
    let noOpRuns: Int
    /// Where to report what is running.
    let log: (String) -> Void

    /// Runs every measurement of `size`, each on a fresh copy of one fixture, and drops the databases after.
    /// - Returns: the figures, and the lag pause's when `lagPause` is set and the server has a known replica.
    /// - Throws: `BenchError` when a run fails or a result is wrong; a PostgreSQL or cluster error.
    func measure(_ size: TableSize, lagPause: Bool) throws -> (PostgresSizeFigures, LagPauseFigures?) {
        log("postgres \(size.label): building the table")
        let (fixture, fixtureTime) = try PostgresFixture.create(
            on: server, name: "batch_bench_\(size.label)", rows: size.rows)
        defer { fixture.remove() }

        log("postgres \(size.label): one UPDATE in one transaction")
        let (baseline, baselineEffects) = try fixture.withCopy(named: "baseline") { database in
            try ObservedRun.measure(database, of: fixture) { try PostgresBaseline.run(on: database, rows: size.rows) }
        }
        let baselineFigures = BaselineFigures(
            seconds: baseline.seconds, rowsPerS: Double(size.rows) / baseline.seconds)

        let updates = try scratch.folder("updates-bump-postgres")
        defer { scratch.remove(updates) }
        try Workload.writeBatchedStep(in: updates)
        var applies: [PostgresApplyFigures] = []
        var reference: (run: BatchedFigures, trace: ProgressTrace, noOp: NoOpFigures)?
        for count in workers {
            log("postgres \(size.label): batchrun apply --workers \(count)")
            let (figures, trace, noOp) = try fixture.withCopy(named: "apply") { database in
                let ((run, trace), effects) = try ObservedRun.measure(database, of: fixture) {
                    try batchrun.tracedApply(
                        database, updates: updates, arguments: ["--workers", "\(count)"],
                        progress: fixture.progress(of: Workload.batchedStepID, in: database))
                }
                let batched = BatchedFigures(
                    run: run, rows: size.rows, baselineRowsPerS: baselineFigures.rowsPerS,
                    exactlyOnce: try fixture.isExactlyOnce(database))
                let noOp =
                    reference == nil
                    ? try NoOpScenario.measure(batchrun, database: database, updates: updates, runs: noOpRuns) : nil
                return (PostgresApplyFigures(workers: count, run: batched, effects: effects), trace, noOp)
            }
            if let noOp { reference = (figures.run, trace, noOp) }
            applies.append(figures)
        }
        let single = applies.first { $0.workers == 1 }?.run.wallS
        for index in applies.indices {
            applies[index].speedupOverOneWorker = Statistics.ratio(single, applies[index].run.wallS)
        }
        guard let reference else { throw BenchError("--workers-list is empty") }

        log("postgres \(size.label): SIGKILL late in the step, then resume (--workers \(workers[0]))")
        let resume = try ResumeScenario(
            batchrun: batchrun, store: fixture, arguments: ["--workers", "\(workers[0])"], killFraction: 0.7
        ).measure(updates: updates, uninterrupted: reference.trace, uninterruptedWall: reference.run.wallS)

        var pause: LagPauseFigures?
        if lagPause, let replica = server.replica {
            log("postgres \(size.label): apply --max-replica-lag 1s with the replica 3 s behind")
            pause = try LagPauseScenario(batchrun: batchrun, fixture: fixture, updates: updates).measure(
                replica: replica)
        }
        let figures = PostgresSizeFigures(
            size: size.label, rows: size.rows, fixtureS: fixtureTime.seconds, baseline: baselineFigures,
            baselineEffects: baselineEffects, applies: applies, resume: resume, noOp: reference.noOp,
            connectSelectOneMs: try connectSelectOne(runs: noOpRuns))
        return (figures, pause)
    }

    /// The median of `runs` connections each running `SELECT 1`, in this process, milliseconds.
    private func connectSelectOne(runs: Int) throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<runs {
            let started = clock.now
            let connection = try server.connect()
            _ = try connection.execute("SELECT 1")
            connection.close()
            times.append((clock.now - started) / .milliseconds(1))
        }
        return Statistics.median(times) ?? 0
    }
}
