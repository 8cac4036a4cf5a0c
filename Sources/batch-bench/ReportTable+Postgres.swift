extension ReportTable {
    /// The PostgreSQL figures: one column per size, then growth and the lag pause.
    var postgres: [String] {
        guard let postgres = figures.postgres else { return [] }
        let sizes = postgres.sizes
        let settings = postgres.settings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        var lines = [
            "",
            "PostgreSQL \(postgres.version): \(postgres.server)",
            "  table t(id bigint PRIMARY KEY, n int, s text), same rows; \(settings.joined(separator: ", "))",
            "  beside every run: the application writer (an autocommit UPDATE every"
                + " \(Format.milliseconds(ApplicationWriter.interval / .milliseconds(1)))), replica lag sampled every"
                + " \(Format.milliseconds(ReplicaLagSampler.interval / .milliseconds(1)))",
            "",
            row("", sizes.map(\.size)),
            row("rows", sizes.map { Format.count($0.rows) }),
            row("  fixture: generate_series, VACUUM", sizes.map { Format.seconds($0.fixtureS) }),
            row("P1 one UPDATE, one transaction", sizes.map { Format.rate($0.baseline.rowsPerS) }),
            row("    time", sizes.map { Format.seconds($0.baseline.seconds) }),
        ]
        lines += effectRows(sizes.map(\.baselineEffects))
        let counts = sizes.first?.applies.map(\.workers) ?? []
        for (index, count) in counts.enumerated() {
            let applies = sizes.map { $0.applies[index] }
            lines += [
                row("P2 batchrun apply --workers \(count)", applies.map { Format.rate($0.run.rowsPerS) }),
                row("    process wall time", applies.map { Format.seconds($0.run.wallS) }),
                row("    ratio to P1", applies.map { Format.ratio($0.run.ratioToBaseline) }),
                row("    speed-up over 1 worker", applies.map { Format.ratio($0.speedupOverOneWorker) }),
                row("    range transactions", applies.map { Format.count($0.run.ranges) }),
                row("    longest range", applies.map { Format.milliseconds($0.run.longestRangeMs) }),
                row("    p99 range", applies.map { Format.milliseconds($0.run.p99RangeMs) }),
                row("    peak RSS", applies.map { Format.megabytes($0.run.peakRssMb) }),
                row("    every row updated once", applies.map { Format.yes($0.run.exactlyOnce) }),
            ]
            lines += effectRows(applies.map(\.effects))
        }
        lines += resumeRows(sizes)
        return lines + growthAndPause(postgres)
    }

    /// The writer, replica lag, WAL and bloat rows of one run per size.
    private func effectRows(_ effects: [SideEffectFigures]) -> [String] {
        writerRows("    writer worst (target <= 300 ms)", effects.map(\.writer)) + [
            row(
                "    replica behind, worst", effects.map { $0.replicaLag.map { Format.bytes($0.worstBytes) } ?? "n/a" }),
            row("    replay_lag, worst", effects.map { Format.seconds($0.replicaLag?.worstReplayLagS) }),
            row("    WAL per row", effects.map { Format.bytesPerRow($0.footprint.walBytesPerRow) }),
            row(
                "    table size before -> after",
                effects.map { String(format: "%.0f->%.0f MB", $0.footprint.tableMbBefore, $0.footprint.tableMbAfter) }),
        ]
    }

    /// The resume and no-op rows.
    private func resumeRows(_ sizes: [PostgresSizeFigures]) -> [String] {
        var lines = [
            row("P3 resume: SIGKILL at (committed)", sizes.map { Format.percent($0.resume.killedAtFraction) }),
            row("    resuming apply (whole process)", sizes.map { Format.seconds($0.resume.resumeS) }),
            row("    same rows uninterrupted", sizes.map { Format.seconds($0.resume.uninterruptedRemainderS) }),
            row("    ratio", sizes.map { Format.ratio($0.resume.ratio) }),
            row("    every row updated once", sizes.map { Format.yes($0.resume.exactlyOnce) }),
            row("P4 no-op apply, median", sizes.map { Format.milliseconds($0.noOp.medianMs) }),
            row("    connect + SELECT 1, in-process", sizes.map { Format.milliseconds($0.connectSelectOneMs) }),
        ]
        for size in sizes {
            if let note = size.resume.note { lines.append("  note P3 at \(size.size): \(note)") }
        }
        return lines
    }

    /// Growth and the lag pause.
    private func growthAndPause(_ postgres: PostgresFigures) -> [String] {
        var lines: [String] = []
        if let growth = postgres.growth {
            lines.append(
                "P5 growth \(growth.from) -> \(growth.to) (\(Format.ratio(growth.rows)) rows): one UPDATE "
                    + "\(Format.ratio(growth.baseline)), apply \(Format.ratio(growth.apply)), peak RSS "
                    + Format.ratio(growth.peakRss))
        }
        guard let pause = postgres.lagPause else {
            return lines + ["P6 lag pause: not measured (no known replica; it needs the throwaway cluster)"]
        }
        return lines + [
            "P6 lag pause: replica recovery_min_apply_delay \(Format.seconds(pause.applyDelayS)), apply"
                + " --max-replica-lag \(pause.maximumLag), delay lifted at \(Format.seconds(pause.liftedAtS))",
            "    throttled \(Format.seconds(pause.throttledS)) of \(Format.seconds(pause.wallS)) in"
                + " \(pause.throttleEvents) event(s); worst lag reported \(Format.seconds(pause.worstReportedLagS));"
                + " \(pause.ranges) ranges; every row updated once: \(Format.yes(pause.exactlyOnce))",
            "    first reason: \(pause.firstReason ?? "none"); last: \(pause.lastReason ?? "none")",
            "    sampled meanwhile: replica behind \(pause.sampledLag.map { Format.bytes($0.worstBytes) } ?? "n/a"),"
                + " replay_lag \(Format.seconds(pause.sampledLag?.worstReplayLagS))",
        ]
    }
}
