import BatchEngine
import BatchSQLite
import Foundation

/// A temporary folder with a database path and an updates folder whose batched step is long enough to watch:
/// `0002_fill` inserts `rows` rows, one range of integers at a time.
final class Workspace {
    /// The folder.
    let root: String
    /// The id of the long step.
    static let longStep = "0002_fill"
    /// The rows the long step inserts.
    static let rows = 5_000_000

    /// Creates the folder and writes the update files.
    /// - Throws: a file system error.
    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("batch-tui-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: updates, withIntermediateDirectories: true)
        try "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n"
            .write(toFile: updates + "/0001_create.sql", atomically: true, encoding: .utf8)
        try """
        -- batch: range=1..\(Self.rows)
        WITH RECURSIVE k(i) AS (SELECT :from + 1 UNION ALL SELECT i + 1 FROM k WHERE i < :to)
        INSERT INTO t (id, n) SELECT i, 0 FROM k;

        """.write(toFile: updates + "/\(Self.longStep).sql", atomically: true, encoding: .utf8)
    }

    /// The database file.
    var database: String { root + "/app.sqlite" }
    /// The updates folder.
    var updates: String { root + "/updates" }
    /// A file in the folder.
    func file(_ name: String) -> String { root + "/" + name }

    /// The long step's committed count, read-only; `nil` while it cannot be read (no file or state yet, a lock).
    func processed() -> Int? {
        status()?.entries.first { $0.step.id == Self.longStep }?.record?.processed
    }

    /// The queue as stored, read-only; `nil` while it cannot be read.
    func status() -> QueueStatus? {
        guard FileManager.default.fileExists(atPath: database),
            let database = try? SQLiteDatabase(path: database, readOnly: true),
            let steps = try? UpdateLoader.load(directories: [updates])
        else { return nil }
        return try? QueueStatus.read(from: database, steps: steps)
    }

    /// The arguments that name this workspace's database and updates.
    var arguments: [String] { ["--db", database, "--updates", updates] }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
