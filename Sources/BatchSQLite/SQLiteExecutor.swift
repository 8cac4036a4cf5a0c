import BatchEngine
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The executor handed to the engine and to steps: a GRDB connection, inside an open transaction or not.
struct SQLiteExecutor: SQLExecutor {
    /// The connection.
    let db: Database

    var dialect: SQLDialect { SQLiteDialect.dialect }

    /// Runs a statement of an update file with its named parameters bound; SQLite would bind NULL to a positional
    /// `?` silently, so one is refused.
    func run(_ statement: SQLStatement, bindings: [String: SQLValue]) throws -> Int {
        if let mark = statement.parameters.first(where: { !$0.prefix.isNamed }) {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "positional parameter \(mark.spelling) on line \(mark.line): update files bind only named"
                    + " parameters (:from, :to), and SQLite would bind NULL to it",
                sql: statement.text)
        }
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        for parameter in statement.parameters {
            arguments[parameter.name] = (bindings[parameter.name] ?? .null).databaseValue
        }
        let before = db.totalChangesCount
        try db.cachedStatement(sql: statement.text).execute(arguments: StatementArguments(arguments))
        return db.totalChangesCount - before
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let before = db.totalChangesCount
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.totalChangesCount - before
    }

    func firstRow(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLValue]? {
        let statement = try db.cachedStatement(sql: sql)
        let row = try Row.fetchOne(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        return row.map(Self.values)
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        while let row = try rows.next() { try body(Self.values(of: row)) }
    }

    func tableExists(_ name: String) throws -> Bool {
        try firstRow("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(name)]) != nil
    }

    /// A count: SQLite keeps no row statistics unless ANALYZE ran, and counting a table is fast.
    func estimatedRows(in table: TableName) throws -> Int? {
        try firstRow("SELECT count(*) FROM \(table.quoted)", [])?.first?.integer.map(Int.init)
    }

    /// No sample: a SQLite run has one worker, so it never splits a step.
    func sampleKeys(of table: TableName, _ columns: [String], about count: Int) throws -> [[SQLValue]] {
        []
    }

    /// Liveness is a process on a host, so holding needs nothing.
    func hold(_ holder: Holder) throws {}

    /// A holder is gone when it ran on this host and its process no longer exists; one on another host is never
    /// provably gone.
    func goneHolders(_ holders: [Holder]) throws -> Set<Holder> {
        Set(holders.filter { $0.host == ProcessIdentity.host && !(kill($0.pid, 0) == 0 || errno == EPERM) })
    }

    static func values(of row: Row) -> [SQLValue] {
        (0..<row.count).map { SQLValue(row[$0] as DatabaseValue) }
    }
}
