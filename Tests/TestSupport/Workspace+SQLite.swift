import BatchEngine
import BatchSQLite
import Foundation
import GRDB

extension Workspace {
    /// Runs SQL on the SQLite file (or `database`) as the application would.
    public func sql(_ statements: String, database path: String? = nil) throws {
        try queue(path, readOnly: false).write { try $0.execute(sql: statements) }
    }

    /// Reads one integer; through a writable connection, which rolls back the hot journal a killed run left.
    public func integer(_ query: String, database path: String? = nil) throws -> Int? {
        try queue(path, readOnly: false).read { try Int.fetchOne($0, sql: query) }
    }

    /// Reads one text value, read-only.
    public func text(_ query: String, database path: String? = nil) throws -> String? {
        try queue(path, readOnly: true).read { try String.fetchOne($0, sql: query) }
    }

    /// Reads every row of a query, each value as text (NULL reads as "").
    public func rows(_ query: String, database path: String? = nil) throws -> [[String]] {
        try queue(path, readOnly: false).read { db in
            try Row.fetchAll(db, sql: query).map { row in
                (0..<row.count).map { index in
                    let value = row[index] as DatabaseValue
                    if value.isNull { return "" }
                    return String.fromDatabaseValue(value) ?? value.description
                }
            }
        }
    }

    /// Every row of every application table (not batchrun's own), in a deterministic order.
    public func dump(database path: String? = nil) throws -> [String] {
        try queue(path, readOnly: true).read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'batchrun_%'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                    table + ":" + row.databaseValues.map(\.description).joined(separator: "|")
                }.sorted()
            }
        }
    }

    /// The SQLite file as the engine reaches it.
    public func backend(busyTimeout: Duration = .seconds(1)) -> SQLiteBackend {
        SQLiteBackend(path: database, busyTimeout: busyTimeout)
    }

    /// The queue as stored, read without writing; `nil` while it cannot be read (no file or state yet, a lock).
    public func status() -> QueueStatus? {
        guard FileManager.default.fileExists(atPath: database),
            let steps = try? UpdateLoader.load(directories: [updates.path])
        else { return nil }
        return try? QueueStatus.read(from: backend(), steps: steps)
    }

    /// Units a step has committed, over all its chunks, read without writing; 0 before the state exists.
    public func processed(_ step: String) throws -> Int {
        guard try integer("SELECT count(*) FROM sqlite_schema WHERE name = 'batchrun_chunks'") == 1 else { return 0 }
        return try integer("SELECT coalesce(sum(processed), 0) FROM batchrun_chunks WHERE step_id = '\(step)'") ?? 0
    }

    /// A table `t` of `rows` rows with gaps and negative ids, and a step `0001_bump` that bumps `n` (not idempotent)
    /// and logs each row it touched to `touched`.
    public func makeBumpQueue(rows: Int) throws {
        try sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, CHECK (n <= 1));
            CREATE TABLE touched (id INTEGER NOT NULL, n INTEGER NOT NULL);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < \(rows))
            INSERT INTO t (id) SELECT i * 3 - \(rows) FROM s;
            """)
        try writeLoggedBumpStep()
    }

    private func queue(_ path: String?, readOnly: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path ?? database, configuration: configuration)
    }
}
