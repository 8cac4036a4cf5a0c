import BatchEngine
import Foundation
import TestSupport

extension Workspace {
    /// The id of the dashboard queue's long step.
    static let longStep = "0002_fill"
    /// The rows the long step inserts.
    static let rows = 5_000_000

    /// A workspace whose batched step is long enough to watch: `0002_fill` inserts `rows` rows, one range of
    /// integers at a time.
    static func dashboardQueue() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("0001_create.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);\n")
        try workspace.write(
            "\(longStep).sql",
            """
            -- batch: range=1..\(rows)
            WITH RECURSIVE k(i) AS (SELECT :from + 1 UNION ALL SELECT i + 1 FROM k WHERE i < :to)
            INSERT INTO t (id, n) SELECT i, 0 FROM k;

            """)
        return workspace
    }

    /// The long step's committed count, read-only; `nil` while it cannot be read (no file or state yet, a lock).
    func processed() -> Int? {
        status()?.entries.first { $0.step.id == Self.longStep }?.record?.processed
    }

    /// The arguments that name this workspace's database and updates.
    var arguments: [String] { ["--db", database, "--updates", updates.path] }
}
