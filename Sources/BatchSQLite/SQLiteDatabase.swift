import BatchEngine
import Foundation
import GRDB
import Synchronization

/// One connection to a SQLite file, through GRDB.
///
/// The database's journal mode and synchronous setting are left as the application set them; foreign keys keep
/// SQLite's default (off) unless the application's schema asks otherwise through its own statements.
public final class SQLiteDatabase: BatchDatabase {
    /// The path, or a name for in-memory databases.
    public let location: String
    /// SQLite's SQL for what standard SQL leaves open.
    public var dialect: SQLDialect { SQLiteDialect.dialect }
    private let queue: DatabaseQueue
    private let courtesy: WriterCourtesy
    private let writers: Mutex<OtherWriters>

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    /// - Parameter busyTimeout: how long one statement waits for another connection's lock before SQLITE_BUSY.
    /// - Throws: `BatchError` with `.invalidInput` when the file is not a database.
    public init(
        path: String, readOnly: Bool = false, busyTimeout: Duration = .seconds(1),
        courtesy: WriterCourtesy = WriterCourtesy()
    ) throws {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = false
        configuration.busyMode = Self.polling(for: busyTimeout)
        configuration.label = "batchrun"
        location = path
        self.courtesy = courtesy
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            writers = Mutex(OtherWriters(version: try queue.inDatabase(Self.dataVersion)))
        } catch {
            throw BatchError(.invalidInput, "cannot open database \(path): \(SQLiteFailure.message(of: error))")
        }
    }

    /// An empty in-memory database, for sandboxes and for reading a state that does not exist yet.
    public init(inMemoryNamed name: String) {
        location = name
        courtesy = WriterCourtesy()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        // An in-memory database cannot fail to open.
        queue = try! DatabaseQueue(configuration: configuration)
        writers = Mutex(OtherWriters(version: 0))
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction; SQLite has no lock or statement timeouts (the busy timeout
    /// bounds lock waits).
    public func write<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction(.immediate, body)
    }

    /// Runs `body` in a deferred transaction that only reads.
    public func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction(.deferred, body)
    }

    /// Runs `body` with each statement in its own implicit transaction.
    public func autocommit<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try queue.inDatabase { try body(SQLiteExecutor(db: $0)) }
    }

    private func transaction<T>(_ kind: Database.TransactionKind, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try queue.inDatabase { db in
            var result: T?
            try db.inTransaction(kind) {
                result = try body(SQLiteExecutor(db: db))
                return .commit
            }
            return result!
        }
    }

    /// Lock contention is transient; a read-only file refuses writes; an unreadable one is unusable.
    public func classify(_ error: any Error) -> DatabaseFailure {
        SQLiteFailure.classify(error)
    }

    /// Copies the schema (tables, indexes, views, triggers) into an empty in-memory database.
    public func makeSchemaSandbox(for steps: [any Step]) throws -> any BatchDatabase {
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

    /// Leaves the write lock free after a range: long enough for a writer that uses SQLite's default busy handler
    /// while others are seen writing, a millisecond otherwise (see `WriterCourtesy`).
    /// - Returns: `WriterCourtesy.busyRangeTarget` while others are seen writing, so they wait less for each range.
    public func yieldToOtherWriters(afterRangeOf duration: Duration) -> Duration? {
        let clock = ContinuousClock()
        let now = clock.now
        guard let version = try? queue.inDatabase(Self.dataVersion) else { return nil }
        let (gap, othersWriting) = writers.withLock {
            $0.gap(seeing: version, at: now, afterHolding: duration, courtesy: courtesy)
        }
        let ceiling = othersWriting ? courtesy.busyRangeTarget : nil
        guard gap > courtesy.idleGap else {
            Thread.sleep(forTimeInterval: gap.seconds)
            return ceiling
        }
        let end = now + gap
        while clock.now < end {
            Thread.sleep(forTimeInterval: 0.001)
            guard let seen = try? queue.inDatabase(Self.dataVersion) else { return ceiling }
            if writers.withLock({ $0.observe(seen, at: clock.now) }) {
                // Another writer got in; give it a moment to finish, then go on.
                Thread.sleep(forTimeInterval: 0.001)
                return courtesy.busyRangeTarget
            }
        }
        return ceiling
    }

    /// Nothing to close: GRDB closes the connection when the queue is released.
    public func close() {}

    /// `PRAGMA data_version`: it changes when another connection commits, never for this one's own commits.
    private static func dataVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }

    /// Waits for another connection's lock by retrying every millisecond, up to `timeout`, so that batchrun's own
    /// connections (control requests, dashboards) get in between two ranges.
    private static func polling(for timeout: Duration) -> Database.BusyMode {
        let tries = max(1, Int(timeout.seconds * 1000))
        return .callback { attempt in
            guard attempt < tries else { return false }
            usleep(1000)
            return true
        }
    }
}
