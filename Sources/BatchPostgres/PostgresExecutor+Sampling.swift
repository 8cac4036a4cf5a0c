import BatchEngine
import PostgresClient

extension PostgresExecutor {
    /// The planner's estimate, scaled to the table's current size as the planner scales it; for a table never
    /// analyzed, a count over a sample of its pages.
    func estimatedRows(in table: TableName) throws -> Int? {
        guard let relation = try relation(table) else { return nil }
        let row = try connection.execute(
            """
            SELECT c.reltuples::float8, c.relpages::int8,
                   (pg_relation_size(c.oid) / current_setting('block_size')::int)::int8
              FROM pg_class c WHERE c.oid = $1
            """, [PostgresParameter(relation)]
        ).rows.first
        let tuples = Double(row?[0] ?? "") ?? -1
        let statedPages = Double(row?[1] ?? "") ?? 0
        let pages = Double(row?[2] ?? "") ?? 0
        if tuples >= 0 && statedPages > 0 { return Int((tuples / statedPages * pages).rounded()) }
        guard pages > 0 else { return tuples >= 0 ? Int(tuples) : 0 }
        let percent = Self.samplePercent(pages: pages)
        let sampled =
            try connection.execute(
                "SELECT count(*) FROM \(table.quoted) TABLESAMPLE SYSTEM ($1::float8)",
                [PostgresParameter(percent.postgresText)]
            ).scalar.flatMap { Double($0) } ?? 0
        return Int((sampled * 100 / percent).rounded())
    }

    /// About `count` keys, evenly spaced in a sample of whole pages of the table (`TABLESAMPLE SYSTEM`): enough pages
    /// that the sample follows the key distribution, never a scan of the table.
    func sampleKeys(of table: TableName, _ columns: [String], about count: Int) throws -> [[SQLValue]] {
        guard count > 0, let relation = try relation(table) else { return [] }
        let pages =
            try connection.execute(
                "SELECT (pg_relation_size($1::oid) / current_setting('block_size')::int)::int8",
                [PostgresParameter(relation)]
            ).scalar.flatMap { Double($0) } ?? 0
        guard pages > 0 else { return [] }
        let list = columns.map(\.quotedIdentifier).joined(separator: ", ")
        let present = columns.map { "\($0.quotedIdentifier) IS NOT NULL" }.joined(separator: " AND ")
        var keys: [[SQLValue]] = []
        try connection.forEachRow(
            """
            SELECT \(list) FROM (
                SELECT \(list), row_number() OVER (ORDER BY \(list)) AS n, count(*) OVER () AS total
                  FROM \(table.quoted) TABLESAMPLE SYSTEM ($1::float8) WHERE \(present)) sample
             WHERE n % greatest(1, total / $2::int8) = 0 ORDER BY \(list)
            """,
            [PostgresParameter(Self.samplePercent(pages: pages).postgresText), PostgresParameter(count)]
        ) { keys.append($0.sqlValues) }
        return keys
    }

    /// The share of pages to sample: about 256 of them, or all of a small table.
    private static func samplePercent(pages: Double) -> Double {
        min(100, max(0.0001, 256 / pages * 100))
    }
}
