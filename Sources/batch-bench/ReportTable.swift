import Foundation

/// Renders the figures as the readable tables printed to standard output.
struct ReportTable {
    /// The width of the label column.
    private static let labelWidth = 40
    /// The width of each size's column.
    private static let columnWidth = 15

    /// What is rendered.
    let figures: BenchFigures

    /// The whole report, one string with a trailing newline.
    var text: String {
        let sqlite = figures.sizes.isEmpty ? [] : sizeTable + growth + fairness + tinyQueue + adaptation
        return (header + sqlite + postgres).joined(separator: "\n") + "\n"
    }

    /// What was measured and how.
    private var header: [String] {
        let table = "  table t(id INTEGER PRIMARY KEY, n INTEGER, s TEXT), ids stepping by 1 to 3; journal "
        let sqlite = figures.sizes.isEmpty ? [] : [table + figures.journalMode]
        return ["batch-bench: \(figures.batchrun)"] + sqlite + [
            "  statement: \(figures.statement)",
            "  load average at start: \(figures.loadAverage) (other work on this machine skews timings)",
            "  engine defaults: range target \(Format.milliseconds(figures.rangeTargetMs)), budget "
                + Format.seconds(figures.budgetS),
        ] + figures.warnings.map { "  WARNING: \($0)" } + [""]
    }

    /// One column per size.
    private var sizeTable: [String] {
        let sizes = figures.sizes
        var lines = [row("", sizes.map(\.size)), row("rows", sizes.map { Format.count($0.rows) })]
        lines.append(row("  fixture: recursive CTE insert", sizes.map { Format.seconds($0.fixtureS) }))
        lines.append(row("1 one UPDATE, one transaction (GRDB)", sizes.map { Format.rate($0.baseline.rowsPerS) }))
        lines.append(row("    time", sizes.map { Format.seconds($0.baseline.seconds) }))
        lines.append(row("2 batchrun apply (whole process)", sizes.map { Format.rate($0.batched.rowsPerS) }))
        lines.append(row("    ratio to (1)", sizes.map { Format.ratio($0.batched.ratioToBaseline) }))
        lines.append(row("    process wall time", sizes.map { Format.seconds($0.batched.wallS) }))
        lines.append(row("    engine run time (no start-up)", sizes.map { Format.seconds($0.batched.engineS) }))
        lines.append(row("    range transactions", sizes.map { Format.count($0.batched.ranges) }))
        lines.append(row("    longest range", sizes.map { Format.milliseconds($0.batched.longestRangeMs) }))
        lines.append(row("    p99 range", sizes.map { Format.milliseconds($0.batched.p99RangeMs) }))
        lines.append(row("    every row updated once", sizes.map { Format.yes($0.batched.exactlyOnce) }))
        lines.append(row("3 resume: SIGKILL at (committed)", sizes.map { Format.percent($0.resume.killedAtFraction) }))
        lines.append(row("    resuming apply (whole process)", sizes.map { Format.seconds($0.resume.resumeS) }))
        lines.append(
            row("    same rows in uninterrupted (2)", sizes.map { Format.seconds($0.resume.uninterruptedRemainderS) }))
        lines.append(row("    ratio", sizes.map { Format.ratio($0.resume.ratio) }))
        lines.append(row("    ranges of the resume", sizes.map { $0.resume.resumeRanges.map(Format.count) ?? "n/a" }))
        lines.append(row("    every row updated once", sizes.map { Format.yes($0.resume.exactlyOnce) }))
        let runs = sizes.first?.noOp.runsMs.count ?? 0
        lines.append(row("4 no-op apply, median of \(runs)", sizes.map { Format.milliseconds($0.noOp.medianMs) }))
        lines.append(row("6 peak RSS: apply (2)", sizes.map { Format.megabytes($0.batched.peakRssMb) }))
        lines.append(row("    resuming apply (3)", sizes.map { Format.megabytes($0.resume.peakRssMb) }))
        lines.append(row("    no-op apply (4)", sizes.map { Format.megabytes($0.noOp.peakRssMb) }))
        lines.append(
            "8 application writer, every \(Format.milliseconds(ApplicationWriter.interval / .milliseconds(1)))"
                + " (SQLite targets: worst <= 250 ms, p99 <= 100 ms)")
        lines += writerRows("  worst during (1), one UPDATE", sizes.map(\.writerDuringUpdate))
        lines += writerRows("  worst during (2), default apply", sizes.map { $0.fairness.atDefault?.writer })
        for size in sizes {
            if let note = size.resume.note { lines.append("  note (3) at \(size.size): \(note)") }
        }
        return lines
    }

    /// The writer's worst (labelled `label`), p99 and count rows, one cell per size (`n/a` where it did not run).
    func writerRows(_ label: String, _ writers: [WriterFigures?]) -> [String] {
        [
            row(label, writers.map { Format.milliseconds($0?.worstMs) }),
            row("    p99", writers.map { Format.milliseconds($0?.p99Ms) }),
            row(
                "    writes (failed)", writers.map { $0.map { "\(Format.count($0.writes)) (\($0.failures))" } ?? "n/a" }
            ),
        ]
    }

    /// The growth line, when two sizes a factor ten apart ran.
    private var growth: [String] {
        guard let growth = figures.growth else { return [] }
        return [
            "5 growth \(growth.from) -> \(growth.to): one UPDATE \(Format.ratio(growth.baseline)), apply "
                + "\(Format.ratio(growth.batched)), resume \(Format.ratio(growth.resume)), no-op "
                + "\(Format.ratio(growth.noOp)), peak RSS \(Format.ratio(growth.peakRss))"
        ]
    }

    /// The long queue of finished steps.
    private var tinyQueue: [String] {
        guard let queue = figures.tinyQueue else { return [] }
        return [
            "",
            "4 queue of \(Format.count(queue.steps)) one-line steps: first apply \(Format.seconds(queue.firstApplyS))"
                + (queue.firstApplyInMemory ? " (on tmpfs: no disk syncs);" : ";")
                + " then no-op apply median \(Format.milliseconds(queue.noOpMedianMs)) (of \(queue.noOpRunsMs.count)),"
                + " peak RSS \(Format.megabytes(queue.noOpPeakRssMb))",
        ]
    }

    /// Range sizes before and after the cost switch.
    private var adaptation: [String] {
        guard let adaptation = figures.adaptation else { return [] }
        var lines = [
            "",
            "7 adaptation (in-process, default settings): \(Format.count(adaptation.rows)) rows; rows with id above "
                + "\(Format.count(Int(adaptation.switchKey))) cost \(Format.ratio(adaptation.heavierBy)) per row",
            "                               ranges   median rows   median ms   µs/row",
        ]
        let groups = [("before the switch (last 4)", adaptation.before), ("after, settled", adaptation.afterSettled)]
        for (label, group) in groups {
            lines.append(
                label.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + pad(String(group.count), 7) + pad(Format.rows(group.medianRows), 14)
                    + pad(String(format: "%.1f", group.medianMs), 12)
                    + pad(String(format: "%.2f", group.medianMicrosPerRow), 9))
        }
        if let index = adaptation.straddlingIndex {
            let window = adaptation.ranges[max(0, index - 1)..<min(adaptation.ranges.count, index + 4)]
            let steps = window.map { range in
                "\(Format.rows(Double(range.rows))) \(Format.milliseconds(range.ms))"
                    + (range.part == "straddles" ? " (spans the switch)" : "")
            }
            lines.append("  ranges around the switch: " + steps.joined(separator: " | "))
        }
        let target = adaptation.targetMs
        lines.append(
            "  longest range \(Format.milliseconds(adaptation.longestMs)) (\(Format.ratio(adaptation.longestMs / target))"
                + " target), p99 \(Format.milliseconds(adaptation.p99Ms)); ranges over 2x target:"
                + " \(adaptation.rangesOverTwiceTarget) of \(adaptation.ranges.count)")
        lines.append(
            "  transition (from the range spanning the switch until one is back within 1.5x target):"
                + " \(adaptation.transitionRanges.map(String.init) ?? "n/a") range(s), longest"
                + " \(Format.milliseconds(adaptation.transitionLongestMs))")
        lines.append(
            "  outside the transition: longest \(Format.milliseconds(adaptation.longestOutsideTransitionMs))"
                + " (\(Format.ratio(adaptation.longestOutsideTransitionMs / target)) target), within 2x target:"
                + " \(Format.yes(adaptation.outsideTransitionNearTarget)); every row updated once:"
                + " \(Format.yes(adaptation.exactlyOnce))")
        return lines
    }

    /// A label followed by one right-aligned cell per size.
    func row(_ label: String, _ cells: [String]) -> String {
        label.padding(toLength: Self.labelWidth, withPad: " ", startingAt: 0)
            + cells.map { pad($0, Self.columnWidth) }.joined()
    }

    /// `text` right-aligned in `width` columns.
    func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
