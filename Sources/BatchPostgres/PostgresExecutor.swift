import BatchEngine
import PostgresClient

/// The executor handed to the engine and to steps: a session inside an open transaction, or outside one for a
/// `-- transaction: none` step.
struct PostgresExecutor: SQLExecutor {
    /// The session.
    let connection: PostgresConnection
    /// Whether statements commit on their own.
    let isAutocommit: Bool

    var dialect: SQLDialect { PostgresDialect.dialect }

    /// Runs a statement of an update file: each named parameter becomes `$n` (the same name the same `$n`); `?`
    /// stays, as PostgreSQL's jsonb operator. Outside a transaction, an invalid index an interrupted
    /// `CREATE INDEX CONCURRENTLY` left behind is dropped before the statement runs again.
    func run(_ statement: SQLStatement, bindings: [String: SQLValue]) throws -> Int {
        if isAutocommit { try InvalidIndexes.dropLeftovers(of: statement, on: connection) }
        var names: [String] = []
        let sql = statement.rendered { parameter in
            if let index = names.firstIndex(of: parameter.name) { return "$\(index + 1)" }
            names.append(parameter.name)
            return "$\(names.count)"
        }
        let result = try connection.execute(sql, names.map { (bindings[$0] ?? .null).parameter })
        return Self.changes(result)
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        Self.changes(try connection.execute(PositionalSQL.numbered(sql), arguments.map(\.parameter)))
    }

    func firstRow(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLValue]? {
        try connection.execute(PositionalSQL.numbered(sql), arguments.map(\.parameter)).rows.first?.sqlValues
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        try connection.forEachRow(PositionalSQL.numbered(sql), arguments.map(\.parameter)) { try body($0.sqlValues) }
    }

    /// Whether a table of that name is visible on the search path.
    func tableExists(_ name: String) throws -> Bool {
        try connection.execute(
            "SELECT 1 WHERE to_regclass($1) IS NOT NULL", [PostgresParameter(name.quotedIdentifier)]
        ).rows.count == 1
    }

    /// Rows a statement inserted, updated, deleted or merged; a query's rows are not changes.
    private static func changes(_ result: PostgresResult) -> Int {
        let changing = ["INSERT", "UPDATE", "DELETE", "MERGE"]
        guard changing.contains(where: result.commandTag.hasPrefix) else { return 0 }
        return result.affectedRows ?? 0
    }
}
