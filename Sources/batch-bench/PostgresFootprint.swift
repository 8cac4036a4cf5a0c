import PostgresClient

/// What a run leaves behind on PostgreSQL: the WAL it wrote (`pg_current_wal_lsn()` before and after) and how the
/// table grew (`pg_total_relation_size('t')`, dead row versions included: bloat).
enum PostgresFootprint {
    /// Runs `body` between two readings on the database at `url`, whose table has `rows` rows.
    /// - Returns: what `body` returned, and the footprint.
    /// - Throws: what `body` throws; a PostgreSQL error.
    static func measure<T>(_ url: String, rows: Int, _ body: () throws -> T) throws -> (T, FootprintFigures) {
        let connection = try PostgresConnection(url, overrides: [("application_name", "batch-bench")])
        defer { connection.close() }
        let before = try connection.execute("SELECT pg_current_wal_lsn()::text, pg_total_relation_size('t')")
            .rows[0].values
        let result = try body()
        let after = try connection.execute(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint, pg_total_relation_size('t')",
            [before[0].map { PostgresParameter($0) }]
        ).rows[0].values
        let wal = after[0].flatMap { Double($0) } ?? 0
        let sizeBefore = before[1].flatMap { Double($0) } ?? 0
        let sizeAfter = after[1].flatMap { Double($0) } ?? 0
        let figures = FootprintFigures(
            walBytes: wal, walBytesPerRow: wal / Double(rows), tableMbBefore: sizeBefore / 1_048_576,
            tableMbAfter: sizeAfter / 1_048_576, tableGrowth: Statistics.ratio(sizeAfter, sizeBefore))
        return (result, figures)
    }
}
