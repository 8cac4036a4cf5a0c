/// The SQLite fairness curve: what each `--writer-gap` costs the run and gives the application writer.
struct FairnessFigures: Encodable {
    /// The apply at default settings with no writer, over the plain UPDATE (the same as (2)'s ratio).
    var ratioWithoutWriter: Double
    /// The default `--writer-gap`, milliseconds.
    var defaultGapMs: Double
    /// One point per gap, shortest first.
    var points: [FairnessPoint]

    /// The point at the default gap: the default apply with the writer running.
    var atDefault: FairnessPoint? {
        points.first { $0.gapMs == defaultGapMs }
    }
}

/// One `--writer-gap` with the application writer running.
struct FairnessPoint: Encodable {
    /// The gap, milliseconds; 0 turns the courtesy off.
    var gapMs: Double
    /// The applies measured at this gap.
    var runs: Int
    /// The median of the applies' rows per second (whole process) over the plain UPDATE's without a writer.
    var ratioWithWriter: Double
    /// The writer's latencies during the applies, pooled.
    var writer: WriterFigures
    /// Every row's counter went up by exactly 1.
    var exactlyOnce: Bool
}
