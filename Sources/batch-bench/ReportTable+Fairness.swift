extension ReportTable {
    /// The SQLite fairness curve of each size: gap | ratio with writer | writer worst | writer p99.
    var fairness: [String] {
        figures.sizes.flatMap { size -> [String] in
            let curve = size.fairness
            let header = [
                "",
                "8 SQLite fairness at \(size.size): apply --writer-gap D with the application writer on, \(curve.points.first?.runs ?? 0) runs each"
                    + " (default D = \(Format.milliseconds(curve.defaultGapMs)))",
                "  gap        median ratio        writer worst   writer p99   writes (failed)   every row once",
            ]
            let points = curve.points.map { point in
                "  " + Format.milliseconds(point.gapMs).padding(toLength: 9, withPad: " ", startingAt: 0)
                    + pad(Format.ratio(point.ratioWithWriter), 19) + pad(Format.milliseconds(point.writer.worstMs), 15)
                    + pad(Format.milliseconds(point.writer.p99Ms), 13)
                    + pad("\(Format.count(point.writer.writes)) (\(point.writer.failures))", 18)
                    + pad(Format.yes(point.exactlyOnce), 17)
            }
            let footer =
                "  no writer, default gap: ratio \(Format.ratio(curve.ratioWithoutWriter)) (target >= 0.95);"
                + " targets with the writer: worst <= 250 ms, p99 <= 100 ms"
            return header + points + [footer]
        }
    }
}
