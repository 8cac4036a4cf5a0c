import BatchEngine
import BatchSQLite
import Foundation

/// (8) SQLite fairness: `batchrun apply --writer-gap D` with the application writer running, for a few gaps.
struct FairnessScenario {
    /// The gaps measured, milliseconds.
    static let gapsMs: [Double] = [0, 10, 30, 50, 100]

    /// The spawned executable.
    let batchrun: Batchrun
    /// The fixture each run gets a fresh copy of.
    let store: any FixtureStore
    /// The folder with the batched step.
    let updates: String
    /// Applies per gap: the writer's latencies are pooled over them, the ratio is their median.
    let runs: Int

    /// Runs `runs` applies per gap with the writer on; ratios are against `baselineRowsPerS`, and `withoutWriter`
    /// is the default apply's own ratio, measured with no writer.
    /// - Throws: `BenchError` when a run fails; a database or file system error.
    func measure(baselineRowsPerS: Double, withoutWriter: Double) throws -> FairnessFigures {
        let points = try Self.gapsMs.map { gap in
            var samples = WriterSamples()
            var ratios: [Double] = []
            var exactlyOnce = true
            for _ in 0..<runs {
                try store.withCopy(named: "fairness") { database in
                    let (run, writer) = try ApplicationWriter.during(store.writer(into: database)) {
                        try batchrun.apply(
                            database: database, updates: updates, arguments: ["--writer-gap", "\(Int(gap))ms"]
                        ).drained("the apply with --writer-gap \(Int(gap))ms")
                    }
                    samples = samples.pooled(with: writer)
                    ratios.append(Double(store.rows) / run.termination.wall.seconds / baselineRowsPerS)
                    exactlyOnce = try exactlyOnce && store.isExactlyOnce(database)
                }
            }
            return FairnessPoint(
                gapMs: gap, runs: runs, ratioWithWriter: Statistics.median(ratios) ?? 0,
                writer: WriterFigures(samples), exactlyOnce: exactlyOnce)
        }
        return FairnessFigures(
            ratioWithoutWriter: withoutWriter, defaultGapMs: WriterCourtesy().busyGap.seconds * 1000, points: points)
    }
}
