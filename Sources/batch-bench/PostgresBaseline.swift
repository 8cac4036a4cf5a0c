import PostgresClient

/// The physical limit on PostgreSQL: the whole-table statement in one transaction over PostgresClient.
enum PostgresBaseline {
    /// Runs `Workload.wholeTable` on the database at `url` between `BEGIN` and `COMMIT` and returns its duration,
    /// commit included.
    /// - Throws: `BenchError` when the statement did not change `rows` rows; a PostgreSQL error.
    static func run(on url: String, rows: Int) throws -> Duration {
        let connection = try PostgresConnection(url, overrides: [("application_name", "batch-bench baseline")])
        defer { connection.close() }
        let clock = ContinuousClock()
        let started = clock.now
        try connection.execute("BEGIN")
        let changed = try connection.execute(Workload.wholeTable).affectedRows
        try connection.execute("COMMIT")
        let elapsed = clock.now - started
        guard changed == rows else {
            throw BenchError("the baseline UPDATE changed \(changed ?? 0) rows, not \(rows)")
        }
        return elapsed
    }
}
