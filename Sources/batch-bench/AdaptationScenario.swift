import BatchEngine
import BatchSQLite

/// (7) Adaptation: a step whose rows above the middle key cost several times more, run in-process at default
/// settings with every range logged, to see the range size follow the cost and the transactions stay near target.
enum AdaptationScenario {
    /// Builds a table of `rows` rows, runs the skewed step on it and summarises the ranges.
    /// - Throws: `BenchError` when the run does not drain; a GRDB or file system error.
    static func measure(rows: Int, scratch: ScratchFolder, journal: JournalMode) throws -> AdaptationFigures {
        let database = scratch.file("adaptation.sqlite")
        defer { scratch.removeDatabase(database) }
        _ = try Fixture.create(at: database, rows: rows, journal: journal)
        let middle = try Fixture.middleKey(of: database)
        let updates = try scratch.folder("updates-skewed")
        defer { scratch.remove(updates) }
        try Workload.writeSkewedStep(in: updates, switchingAfter: middle)

        let log = RangeLog()
        let steps = try UpdateLoader.load(directories: [updates]).map { RecordingStep(inner: $0, log: log) }
        let options = RunnerOptions()
        let summary = try Runner(
            backend: TimedBackend(inner: SQLiteBackend(path: database), log: log), steps: steps, options: options
        ).run()
        guard summary.status == .drained else { throw BenchError("the skewed step did not drain: \(summary.message)") }
        let correct = try Fixture.rowsNotUpdatedOnce(in: database, expectedRows: rows) == 0
        return summarise(
            log.records, rows: rows, middle: middle, target: options.rangeTarget.seconds, stats: summary.ranges,
            exactlyOnce: correct)
    }

    /// Classifies each range as before, spanning or after the switch and takes medians of the settled parts.
    private static func summarise(
        _ records: [RangeRecord], rows: Int, middle: Int64, target: Double, stats: RangeStats, exactlyOnce: Bool
    ) -> AdaptationFigures {
        let parts = records.map { record -> String in
            if let to = record.toKey, to <= middle { return "before" }
            if let from = record.fromKey, from >= middle { return "after" }
            return "straddles"
        }
        let before = zip(records, parts).filter { $0.1 == "before" }.map(\.0)
        let after = zip(records, parts).filter { $0.1 == "after" && $0.0.processed > 0 }.map(\.0)
        // The last few ranges before the switch show the settled size; the ramp from the initial size is left out.
        let beforeGroup = group(Array(before.suffix(4)))
        let afterGroup = group(Array(after.dropFirst(2)))
        let longest = stats.longest.seconds
        let straddling = parts.firstIndex(of: "straddles")
        // The sizer was tuned on cheap rows when the switch came, and learns the new cost only from ranges that
        // contained heavy rows, the first of them blended with cheap ones: the transition is the ranges from the one
        // spanning the switch until one is back within 1.5x the target.
        let transition = straddling.map { start in
            start..<(records[start...].dropFirst().firstIndex { $0.seconds <= 1.5 * target } ?? records.count)
        }
        let outside = records.indices.filter { !(transition?.contains($0) ?? false) }.map { records[$0].seconds }
        return AdaptationFigures(
            rows: rows, switchKey: middle, targetMs: target * 1000,
            heavierBy: Statistics.ratio(afterGroup.medianMicrosPerRow, beforeGroup.medianMicrosPerRow) ?? 0,
            ranges: zip(records, parts).map { AdaptationRange(rows: $0.processed, ms: $0.seconds * 1000, part: $1) },
            before: beforeGroup, afterSettled: afterGroup, straddlingIndex: straddling,
            longestMs: longest * 1000, p99Ms: stats.percentile(0.99).seconds * 1000,
            transitionRanges: transition?.count,
            transitionLongestMs: transition.flatMap { records[$0].map(\.seconds).max() }.map { $0 * 1000 },
            longestOutsideTransitionMs: (outside.max() ?? 0) * 1000,
            rangesOverTwiceTarget: records.filter { $0.seconds > 2 * target }.count,
            outsideTransitionNearTarget: outside.allSatisfy { $0 <= 2 * target }, exactlyOnce: exactlyOnce)
    }

    /// Medians of a group of ranges.
    private static func group(_ records: [RangeRecord]) -> RangeGroup {
        RangeGroup(
            count: records.count, medianRows: Statistics.median(records.map { Double($0.processed) }) ?? 0,
            medianMs: (Statistics.median(records.map(\.seconds)) ?? 0) * 1000,
            medianMicrosPerRow: Statistics.median(
                records.filter { $0.processed > 0 }.map { $0.seconds * 1e6 / Double($0.processed) }) ?? 0)
    }
}
