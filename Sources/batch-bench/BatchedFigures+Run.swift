extension BatchedFigures {
    /// The figures of the drained apply `run` over a table of `rows` rows, against a baseline of
    /// `baselineRowsPerS`.
    init(run: ApplyRun, rows: Int, baselineRowsPerS: Double, exactlyOnce: Bool) {
        let wall = run.termination.wall.seconds
        let finished = run.finished!
        self.init(
            wallS: wall, engineS: finished.elapsedS, rowsPerS: Double(rows) / wall,
            ratioToBaseline: Double(rows) / wall / baselineRowsPerS, ranges: finished.ranges,
            longestRangeMs: finished.longestRangeMs, p99RangeMs: finished.p99RangeMs,
            peakRssMb: Double(run.termination.peakRSSBytes) / 1_048_576, exactlyOnce: exactlyOnce)
    }
}
