import BatchEngine
import PostgresClient

/// The invalid indexes an interrupted `CREATE INDEX CONCURRENTLY` or `REINDEX ... CONCURRENTLY` leaves behind,
/// found by name and dropped before the statement runs again, as GitLab's migration helpers do: otherwise
/// `IF NOT EXISTS` would keep an index that holds nothing, and a retry without it would fail.
enum InvalidIndexes {
    /// Drops what an earlier, interrupted run of `statement` left, if it is such a statement.
    static func dropLeftovers(of statement: SQLStatement, on connection: PostgresConnection) throws {
        guard statement.tokens.contains(where: { $0.word == "CONCURRENTLY" }),
            let (pattern, exact) = target(of: statement)
        else { return }
        let leftovers = try connection.execute(
            """
            SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE NOT i.indisvalid AND pg_table_is_visible(c.oid) AND (c.relname = $1 OR c.relname LIKE $2)
            """, [PostgresParameter(exact ?? ""), PostgresParameter(pattern)]
        ).rows.compactMap { $0[0] }
        for index in leftovers { _ = try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(index)") }
    }

    /// The names an interrupted run leaves: the index itself (`CREATE`), or its `_ccnew` copies (`REINDEX`).
    private static func target(of statement: SQLStatement) -> (pattern: String, exact: String?)? {
        let words = statement.tokens.map { token in
            token.word
                ?? (token.kind == .quotedIdentifier ? String(statement.text[token.range].dropFirst().dropLast()) : nil)
        }
        guard let index = words.firstIndex(of: "INDEX"), let keyword = statement.keyword else { return nil }
        var next = index + 1
        while next < words.count, ["CONCURRENTLY", "IF", "NOT", "EXISTS"].contains(words[next]) { next += 1 }
        guard next < words.count, let name = words[next], name != "ON" else { return nil }
        let stored = statement.tokens[next].kind == .quotedIdentifier ? name : name.lowercased()
        switch keyword {
        case "CREATE": return (stored, stored)
        case "REINDEX": return ("\(stored)_ccnew%", nil)
        default: return nil
        }
    }
}
