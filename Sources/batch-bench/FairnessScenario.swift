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

    /// Runs one apply per gap with the writer on; ratios are against `baselineRowsPerS`, and `withoutWriter` is
    /// the default apply's own ratio, measured with no writer.
    /// - Throws: `BenchError` when a run fails; a database or file system error.
    func measure(baselineRowsPerS: Double, withoutWriter: Double) throws -> FairnessFigures {
        let points = try Self.gapsMs.map { gap in
            try store.withCopy(named: "fairness") { database in
                let (run, writer) = try ApplicationWriter.during(store.writer(into: database)) {
                    try batchrun.apply(
                        database: database, updates: updates, arguments: ["--writer-gap", "\(Int(gap))ms"]
                    ).drained("the apply with --writer-gap \(Int(gap))ms")
                }
                let rowsPerS = Double(store.rows) / run.termination.wall.seconds
                return FairnessPoint(
                    gapMs: gap, ratioWithWriter: rowsPerS / baselineRowsPerS, writer: writer,
                    exactlyOnce: try store.isExactlyOnce(database))
            }
        }
        return FairnessFigures(
            ratioWithoutWriter: withoutWriter, defaultGapMs: WriterCourtesy().busyGap.seconds * 1000, points: points)
    }
}
