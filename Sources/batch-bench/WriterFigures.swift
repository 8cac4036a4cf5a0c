/// The application writer's latencies during one measured run (start of its statement to commit).
struct WriterFigures: Encodable {
    /// Writes that committed.
    var writes: Int
    /// Writes that failed (a busy or lock timeout).
    var failures: Int
    /// The slowest write, milliseconds.
    var worstMs: Double
    /// The 99th percentile, milliseconds.
    var p99Ms: Double
    /// The median, milliseconds.
    var medianMs: Double

    /// The summary of `latenciesMs` and `failures`.
    init(latenciesMs: [Double], failures: Int) {
        writes = latenciesMs.count
        self.failures = failures
        worstMs = latenciesMs.max() ?? 0
        p99Ms = Statistics.percentile(latenciesMs, 0.99) ?? 0
        medianMs = Statistics.median(latenciesMs) ?? 0
    }
}
