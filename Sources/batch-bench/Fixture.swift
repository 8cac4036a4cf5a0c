import Foundation
import GRDB

/// The benchmark's table: `t(id INTEGER PRIMARY KEY, n INTEGER, s TEXT)` with ids that step by 1 to 3, so a walk
/// cannot assume dense keys.
enum Fixture {
    /// The table's name.
    static let table = "t"

    /// Creates the database at `path` with `rows` rows of `n = 0`, in one transaction, and returns how long it took.
    /// - Throws: a GRDB error.
    static func create(at path: String, rows: Int, journal: JournalMode) throws -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = \(journal.rawValue)")
            // Only this connection skips syncing while it fills the table; the mode is not stored in the file.
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT NOT NULL)")
            try db.inTransaction {
                try db.execute(
                    sql: """
                        WITH RECURSIVE g(i, id) AS (
                            SELECT 1, 1
                             UNION ALL
                            SELECT i + 1, id + 1 + (i * 7) % 3 FROM g WHERE i < ?
                        )
                        INSERT INTO t (id, n, s) SELECT id, 0, printf('row %09d', id) FROM g
                        """, arguments: [rows])
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
        flush(path)
        return clock.now - started
    }

    /// Copies the closed database at `source` to `destination`, replacing it.
    /// - Throws: a file system error.
    static func copy(_ source: String, to destination: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: destination + suffix)
        }
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        // Write the copy out now, so its write-back does not slow the syncs of the run measured next.
        flush(destination)
    }

    /// Writes the file at `path` out to the disk (fsync), ignoring failures.
    static func flush(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The key of the row at the middle of the table: the rows after it are the second half.
    /// - Throws: a GRDB error.
    static func middleKey(of path: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? 0
            return try Int64.fetchOne(db, sql: "SELECT id FROM t ORDER BY id LIMIT 1 OFFSET ?", arguments: [rows / 2])
                ?? 0
        }
    }

    /// Checks that every row was updated exactly once: all `n` are 1 and the row count is unchanged.
    /// - Returns: the number of rows whose `n` is not 1 (0 when exactly once held).
    /// - Throws: a GRDB error.
    static func rowsNotUpdatedOnce(in path: String, expectedRows: Int) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let wrong = try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE n <> 1") ?? 0
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? 0
            return wrong + abs(rows - expectedRows)
        }
    }

    /// Folds a database's write-ahead log back into the file, so the next run starts from the same state.
    /// - Throws: a GRDB error.
    static func checkpoint(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }
}
