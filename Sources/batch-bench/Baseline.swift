import GRDB

/// The physical limit: the whole-table statement in one transaction, straight through SQLite via GRDB.
enum Baseline {
    /// Runs `Workload.wholeTable` on the database at `path` in one `BEGIN IMMEDIATE` transaction and returns its
    /// duration, commit included.
    /// - Throws: `BenchError` when the statement did not change `rows` rows; a GRDB error.
    static func run(on path: String, rows: Int) throws -> Duration {
        // It waits for the application writer's lock as the writer waits for it: with SQLite's default handler.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        let clock = ContinuousClock()
        var changed = 0
        let started = clock.now
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: Workload.wholeTable)
                changed = db.changesCount
                return .commit
            }
        }
        let elapsed = clock.now - started
        guard changed == rows else { throw BenchError("the baseline UPDATE changed \(changed) rows, not \(rows)") }
        return elapsed
    }
}
