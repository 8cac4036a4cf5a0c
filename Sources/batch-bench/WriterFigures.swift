/// What the application writer saw during one or more measured runs.
struct WriterSamples {
    /// Each committed write's latency (start of its statement to commit), milliseconds.
    var latenciesMs: [Double] = []
    /// Writes that failed (a busy or lock timeout).
    var failures = 0

    /// These samples and `other`'s together.
    func pooled(with other: WriterSamples) -> WriterSamples {
        WriterSamples(latenciesMs: latenciesMs + other.latenciesMs, failures: failures + other.failures)
    }
}

/// The application writer's latencies during the runs measured (start of its statement to commit).
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

    /// The summary of `samples`.
    init(_ samples: WriterSamples) {
        writes = samples.latenciesMs.count
        failures = samples.failures
        worstMs = samples.latenciesMs.max() ?? 0
        p99Ms = Statistics.percentile(samples.latenciesMs, 0.99) ?? 0
        medianMs = Statistics.median(samples.latenciesMs) ?? 0
    }
}
