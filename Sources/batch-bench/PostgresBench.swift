/// The PostgreSQL half of the benchmark: a server to measure on, every table size, growth and the lag pause.
struct PostgresBench {
    /// The spawned executable.
    let batchrun: Batchrun
    /// Where the update files go.
    let scratch: ScratchFolder
    /// `--postgres`: an existing server's URL; `nil` starts a throwaway cluster.
    let url: String?
    /// The worker counts measured.
    let workers: [Int]
    /// How many no-op applies to take the median of.
    let noOpRuns: Int
    /// Where to report what is running.
    let log: (String) -> Void

    /// The settings reported with the figures.
    private static let reportedSettings = ["fsync", "synchronous_commit", "shared_buffers", "max_wal_size"]

    /// Measures every size in `sizes` (smallest first); the lag pause runs on the largest.
    /// - Throws: `BenchError` when a run fails or a result is wrong; a PostgreSQL or cluster error.
    func measure(_ sizes: [TableSize]) throws -> PostgresFigures {
        log(url == nil ? "postgres: starting a durable throwaway cluster with one replica" : "postgres: on --postgres")
        let server = try url.map(PostgresServerTarget.existing) ?? PostgresServerTarget.throwaway()
        defer { server.shutdown() }
        let connection = try server.connect()
        let version = try connection.execute("SHOW server_version").scalar ?? "?"
        var settings: [String: String] = [:]
        for name in Self.reportedSettings { settings[name] = try connection.execute("SHOW \(name)").scalar }
        connection.close()
        let bench = PostgresSizeBench(
            batchrun: batchrun, server: server, scratch: scratch, workers: workers, noOpRuns: noOpRuns, log: log)
        var measured: [PostgresSizeFigures] = []
        var lagPause: LagPauseFigures?
        for size in sizes {
            let (figures, pause) = try bench.measure(size, lagPause: size == sizes.last)
            measured.append(figures)
            lagPause = pause ?? lagPause
        }
        return PostgresFigures(
            server: server.label, version: version, settings: settings, sizes: measured,
            growth: Self.growth(measured), lagPause: lagPause)
    }

    /// The largest size's figures over the smallest's, when two sizes ran.
    private static func growth(_ sizes: [PostgresSizeFigures]) -> PostgresGrowthFigures? {
        guard let small = sizes.first, let large = sizes.last, large.rows > small.rows,
            let smallApply = small.applies.first, let largeApply = large.applies.first
        else { return nil }
        return PostgresGrowthFigures(
            from: small.size, to: large.size, rows: Double(large.rows) / Double(small.rows),
            apply: largeApply.run.wallS / smallApply.run.wallS,
            baseline: large.baseline.seconds / small.baseline.seconds,
            peakRss: largeApply.run.peakRssMb / smallApply.run.peakRssMb)
    }
}
