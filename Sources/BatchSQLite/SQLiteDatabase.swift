import BatchEngine
import Foundation
import GRDB
import Synchronization

/// The embedded default: a SQLite file reached through GRDB, one connection owned by this object.
///
/// The database's journal mode and synchronous setting are left as the application set them; foreign keys keep
/// SQLite's default (off) unless the application's schema asks otherwise through its own statements.
public final class SQLiteDatabase: BatchDatabase {
    /// The path, or a name for in-memory databases.
    public let location: String
    private let queue: DatabaseQueue
    private let scripts = ScriptCache()

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    /// - Parameter busyTimeout: how long one statement waits for another connection's lock before SQLITE_BUSY.
    /// - Throws: `BatchError` with `.usage` when the path is a directory, `.invalidInput` when it is not a database.
    public init(path: String, readOnly: Bool = false, busyTimeout: Duration = .seconds(1)) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw BatchError(.usage, "--db \(path) is a directory, not a database file")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = false
        configuration.busyMode = Self.polling(for: busyTimeout)
        configuration.label = "batchrun"
        location = path
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw BatchError(.invalidInput, "cannot open database \(path): \(Self.message(of: error))")
        }
    }

    /// An empty in-memory database, for sandboxes and tests.
    public init(inMemoryNamed name: String) {
        location = name
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        // An in-memory database cannot fail to open.
        queue = try! DatabaseQueue(configuration: configuration)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction.
    public func write<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction(.immediate, body)
    }

    /// Runs `body` in a deferred transaction that only reads.
    public func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction(.deferred, body)
    }

    private func transaction<T>(_ kind: Database.TransactionKind, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try queue.inDatabase { db in
            var result: T?
            try db.inTransaction(kind) {
                result = try body(GRDBExecutor(db: db, scripts: scripts))
                return .commit
            }
            return result!
        }
    }

    /// Lock contention is transient; an unreadable or read-only file is unusable; the rest is permanent.
    public func classify(_ error: any Error) -> DatabaseFailure {
        guard let error = error as? DatabaseError else {
            return DatabaseFailure(kind: .permanent, message: String(describing: error))
        }
        let kind: DatabaseFailure.Kind =
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: .transient
            case .SQLITE_INTERRUPT: .interrupted
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                .unusable
            default: .permanent
            }
        return DatabaseFailure(kind: kind, message: Self.message(of: error), sql: error.sql)
    }

    /// Copies the schema (tables, indexes, views, triggers) into an empty in-memory database.
    public func makeSchemaSandbox() throws -> any BatchDatabase {
        let schema = try read { database in
            var statements: [String] = []
            try database.forEachRow(
                """
                SELECT sql FROM sqlite_schema
                 WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                   AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')
                 ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid
                """, []
            ) { row in
                if let sql = row.first?.text { statements.append(sql) }
            }
            return statements
        }
        let sandbox = SQLiteDatabase(inMemoryNamed: "schema sandbox of \(location)")
        try sandbox.write { database in
            for statement in schema { try database.execute(statement, []) }
        }
        return sandbox
    }

    /// Interrupts the running statement; safe from any thread.
    public func interrupt() {
        queue.interrupt()
    }

    /// Waits for another connection's lock by retrying every millisecond, up to `timeout`. SQLite's own busy handler
    /// sleeps up to 100 ms between tries, and would rarely hit the short gap a runner leaves between two ranges.
    private static func polling(for timeout: Duration) -> Database.BusyMode {
        let tries = max(1, Int(timeout.seconds * 1000))
        return .callback { attempt in
            guard attempt < tries else { return false }
            usleep(1000)
            return true
        }
    }

    private static func message(of error: any Error) -> String {
        guard let error = error as? DatabaseError else { return String(describing: error) }
        return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
}

/// Statement texts of multi-statement scripts, split once so each part can be a cached prepared statement.
private final class ScriptCache: Sendable {
    private let parts = Mutex<[String: [String]]>([:])

    subscript(script: String) -> [String]? {
        get { parts.withLock { $0[script] } }
        set { parts.withLock { $0[script] = newValue } }
    }
}

/// The executor handed to steps: a GRDB connection inside an open transaction.
private struct GRDBExecutor: SQLExecutor {
    let db: Database
    let scripts: ScriptCache

    func execute(_ sql: String, parameters: [String: SQLValue]) throws {
        let arguments = StatementArguments(parameters.mapValues(\.databaseValue))
        if let parts = scripts[sql] {
            for part in parts { try db.cachedStatement(sql: part).execute(arguments: arguments) }
            return
        }
        // First run: prepare lazily, so a statement may use what an earlier one in the script created.
        var parts: [String] = []
        let statements = try db.allStatements(sql: sql)
        while let statement = try statements.next() {
            try statement.execute(arguments: arguments)
            parts.append(statement.sql)
        }
        scripts[sql] = parts
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.changesCount
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

    var totalChanges: Int { db.totalChangesCount }

    func tableExists(_ name: String) throws -> Bool {
        try firstRow("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(name)]) != nil
    }

    func keyColumn(table: String, column: String) throws -> KeyColumn {
        let create = try firstRow("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(table)])
        guard let create else { throw KeyColumnProblem.missingTable(table) }
        var declaredType: String?
        try forEachRow(
            "SELECT type FROM pragma_table_xinfo(?) WHERE name = ? COLLATE NOCASE", [.text(table), .text(column)]
        ) {
            declaredType = $0[0].text ?? ""
        }
        let withoutRowID = create.first?.text?.uppercased().contains("WITHOUT ROWID") ?? false
        if declaredType == nil && !withoutRowID && ["rowid", "_rowid_", "oid"].contains(column.lowercased()) {
            declaredType = "INTEGER"
        }
        guard let declaredType else { throw KeyColumnProblem.missingColumn(table: table, column: column) }
        guard try seeksInKeyOrder(table: table, column: column) else {
            throw KeyColumnProblem.notIndexed(table: table, column: column)
        }
        return KeyColumn(lowerBound: Self.lowerBound(declaredType: declaredType))
    }

    /// Asks SQLite's planner whether a range's end is found by an index seek that reads keys in order: no index,
    /// a partial one, or one with another collation would mean a scan and a sort in every range.
    private func seeksInKeyOrder(table: String, column: String) throws -> Bool {
        let (table, column) = (table.quotedIdentifier, column.quotedIdentifier)
        var seeks = false
        var sorts = false
        try forEachRow(
            "EXPLAIN QUERY PLAN SELECT \(column) FROM \(table) WHERE \(column) > ? ORDER BY \(column) LIMIT 1 OFFSET ?",
            [.integer(0), .integer(0)]
        ) { row in
            let detail = row.last?.text ?? ""
            seeks = seeks || detail.hasPrefix("SEARCH")
            sorts = sorts || detail.contains("TEMP B-TREE")
        }
        return seeks && !sorts
    }

    /// Under SQLite's type affinity rules a bound value compared with a TEXT column is converted to text, so the
    /// bound below every key is '' there; elsewhere -infinity sorts below every number, text and blob.
    private static func lowerBound(declaredType: String) -> SQLValue {
        let type = declaredType.uppercased()
        let isText = !type.contains("INT") && ["CHAR", "CLOB", "TEXT"].contains { type.contains($0) }
        return isText ? .text("") : .real(-.infinity)
    }

    private static func values(of row: Row) -> [SQLValue] {
        (0..<row.count).map { SQLValue(row[$0] as DatabaseValue) }
    }
}

extension SQLValue {
    fileprivate init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }

    fileprivate var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
