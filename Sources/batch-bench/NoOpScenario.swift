import BatchEngine

/// (4) The cost of `batchrun apply` when every step is already done: a whole process, start to exit.
enum NoOpScenario {
    /// Runs apply `runs` times on the drained `database`; each run must find nothing to do.
    /// - Throws: `BenchError` when a run fails or does any work.
    static func measure(_ batchrun: Batchrun, database: String, updates: String, runs: Int) throws -> NoOpFigures {
        var times: [Double] = []
        var peak = 0
        for _ in 0..<runs {
            let run = try batchrun.apply(database: database, updates: updates).drained("a no-op apply")
            guard let finished = run.finished, finished.processed == 0, finished.ranges == 0 else {
                throw BenchError("a no-op apply found work to do on a drained database")
            }
            times.append(run.termination.wall.seconds * 1000)
            peak = max(peak, run.termination.peakRSSBytes)
        }
        return NoOpFigures(
            medianMs: Statistics.median(times) ?? 0, runsMs: times, peakRssMb: Double(peak) / 1_048_576)
    }
}
