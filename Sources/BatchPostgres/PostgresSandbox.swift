import BatchEngine
import PostgresClient
import Synchronization

/// Where pending steps are rehearsed before anything runs: a session of its own whose temporary tables shadow the
/// application's tables the steps use. DDL runs on the copies; DML is only planned (`EXPLAIN`), so no sequence
/// moves and no trigger fires; and everything is rolled back, then the session ends and its copies with it. No
/// lock is taken on an application table beyond the moment its copy is made.
final class PostgresSandbox: BatchDatabase {
    let location: String
    var dialect: SQLDialect { PostgresDialect.dialect }
    private let session: LockedConnection
    private let canceller: PostgresCanceller
    private let cancelled = Atomic<Bool>(false)
    private let shadows: ShadowTables

    /// Opens the session and copies the tables `steps` mention.
    init(settings: PostgresSettings, steps: [any Step]) throws {
        location = "schema sandbox of \(settings.location)"
        do {
            let connection = try PostgresConnection(
                settings.connectionString, defaults: settings.clientDefaults,
                overrides: [("application_name", "batchrun check")])
            try connection.executeScript(settings.sessionSetup(readOnly: false) + "; SET lock_timeout = '5s'")
            canceller = try connection.makeCanceller()
            shadows = try ShadowTables(for: steps, on: connection)
            session = LockedConnection(connection)
        } catch let error as PostgresError {
            throw PostgresFailure.connectionError(error, location: settings.location)
        }
    }

    /// Runs `body` in a transaction that is always rolled back: the sandbox keeps nothing.
    func write<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try session.withConnection { connection in
            cancelled.store(false, ordering: .relaxed)
            try connection.execute("BEGIN")
            defer { if !connection.isBroken { _ = try? connection.execute("ROLLBACK") } }
            return try body(
                SandboxExecutor(base: PostgresExecutor(connection: connection, isAutocommit: false), shadows: shadows))
        }
    }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try write(TransactionLimits(), body)
    }

    func autocommit<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try write(limits, body)
    }

    func classify(_ error: any Error) -> DatabaseFailure {
        PostgresFailure.classify(error, cancelled: cancelled.load(ordering: .relaxed), timed: false)
    }

    func makeSchemaSandbox(for steps: [any Step]) throws -> any BatchDatabase {
        throw BatchError(.invalidInput, "a sandbox has no sandbox of its own")
    }

    func interrupt() {
        cancelled.store(true, ordering: .relaxed)
        try? canceller.cancel()
    }

    func yieldToOtherWriters(afterRangeOf duration: Duration) -> Duration? { nil }

    func close() {
        session.withConnection { $0.close() }
    }
}

/// The sandbox's executor: statements are rewritten onto the shadow tables; DML is planned, not run.
struct SandboxExecutor: SQLExecutor {
    let base: PostgresExecutor
    let shadows: ShadowTables

    var dialect: SQLDialect { base.dialect }

    /// Statements that are only planned.
    static let planned: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE", "VALUES", "TABLE"]
    /// Statements a rehearsal cannot run safely or at all inside a transaction: they are left to the real run.
    static let skipped: Set<String> = [
        "DO", "CALL", "VACUUM", "ANALYZE", "CLUSTER", "REFRESH", "REINDEX", "LOCK", "NOTIFY", "LISTEN", "UNLISTEN",
        "SET", "RESET", "DISCARD", "CHECKPOINT", "COPY",
    ]

    func run(_ statement: SQLStatement, bindings: [String: SQLValue]) throws -> Int {
        let keyword = statement.keyword ?? ""
        if Self.skipped.contains(keyword) { return 0 }
        var names: [String] = []
        var text = rewritten(statement) { parameter in
            if let index = names.firstIndex(of: parameter.name) { return "$\(index + 1)" }
            names.append(parameter.name)
            return "$\(names.count)"
        }
        if Self.planned.contains(keyword) { text = "EXPLAIN " + text }
        _ = try base.connection.execute(text, names.map { (bindings[$0] ?? .null).parameter })
        return 0
    }

    /// The statement with qualified references to copied tables pointed at the copies, `CONCURRENTLY` dropped (a
    /// transaction refuses it), and named parameters replaced by `parameter`.
    private func rewritten(_ statement: SQLStatement, parameter: (SQLParameter) -> String) -> String {
        let text = statement.text
        let tokens = statement.tokens
        var replacements: [(Range<String.Index>, String)] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.word == "CONCURRENTLY" {
                replacements.append((token.range, ""))
            } else if case .parameter(let prefix) = token.kind, prefix.isNamed,
                let found = statement.parameters.first(where: { $0.range == token.range })
            {
                replacements.append((token.range, parameter(found)))
            } else if index + 2 < tokens.count, text[tokens[index + 1].range] == ".",
                let schema = ShadowTables.name(of: token, in: text),
                let table = ShadowTables.name(of: tokens[index + 2], in: text),
                let shadow = shadows.shadow(of: TableName(schema: schema, name: table))
            {
                replacements.append(
                    (token.range.lowerBound..<tokens[index + 2].range.upperBound, "pg_temp.\(shadow.quotedIdentifier)"))
                index += 3
                continue
            }
            index += 1
        }
        var result = ""
        var copied = text.startIndex
        for (range, replacement) in replacements {
            result += text[copied..<range.lowerBound] + replacement
            copied = range.upperBound
        }
        return result + text[copied...]
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try base.execute(sql, arguments)
    }

    func firstRow(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLValue]? {
        try base.firstRow(sql, arguments)
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        try base.forEachRow(sql, arguments, body)
    }

    func tableExists(_ name: String) throws -> Bool {
        try base.tableExists(name)
    }

    /// The key index of the table's copy, which has the real table's indexes.
    func keyIndex(of table: TableName, _ columns: [String]) throws -> KeyIndex {
        try base.keyIndex(
            of: shadows.shadow(of: table).map { TableName(schema: "pg_temp", name: $0) } ?? table, columns)
    }

    func estimatedRows(in table: TableName) throws -> Int? { 0 }

    func sampleKeys(of table: TableName, _ columns: [String], about count: Int) throws -> [[SQLValue]] { [] }

    func hold(_ holder: Holder) throws {}

    func goneHolders(_ holders: [Holder]) throws -> Set<Holder> { [] }
}
