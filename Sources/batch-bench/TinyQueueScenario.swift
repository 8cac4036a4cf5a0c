import BatchEngine
import GRDB

/// (4) A queue of many finished one-line steps: what the no-op apply costs when the queue is long.
enum TinyQueueScenario {
    /// Writes `steps` one-line update files, applies them once, then times `runs` no-op applies.
    ///
    /// The first apply commits a few synced transactions per step; on a busy disk that alone can take many seconds,
    /// so it runs in a folder in memory when there is one, and the drained database is then copied to `scratch`,
    /// where the no-op applies are timed on the same disk as the other measurements.
    /// - Throws: `BenchError` when a run fails or the steps did not each run once; a GRDB or file system error.
    static func measure(steps: Int, runs: Int, batchrun: Batchrun, scratch: ScratchFolder, journal: JournalMode)
        throws -> TinyQueueFigures
    {
        let updates = try scratch.folder("updates-tiny")
        defer { scratch.remove(updates) }
        try Workload.writeTinySteps(steps, in: updates)
        let memory = ScratchFolder.inMemory()
        let setup = (memory ?? scratch).file("tiny-setup.sqlite")
        let queue = try DatabaseQueue(path: setup)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = \(journal.rawValue)")
            try db.execute(sql: "CREATE TABLE counter (hits INTEGER NOT NULL); INSERT INTO counter VALUES (0)")
        }
        try queue.close()

        let first = try batchrun.apply(database: setup, updates: updates).drained("applying the tiny steps")
        let hits = try DatabaseQueue(path: setup).read { try Int.fetchOne($0, sql: "SELECT hits FROM counter") }
        guard hits == steps else { throw BenchError("\(steps) tiny steps ran \(hits ?? 0) times in all") }
        try Fixture.checkpoint(setup)
        let database = scratch.file("tiny.sqlite")
        defer { scratch.removeDatabase(database) }
        try Fixture.copy(setup, to: database)
        scratch.removeDatabase(setup)
        let noOp = try NoOpScenario.measure(batchrun, database: database, updates: updates, runs: runs)
        return TinyQueueFigures(
            steps: steps, firstApplyS: first.termination.wall.seconds, firstApplyInMemory: memory != nil,
            noOpMedianMs: noOp.medianMs, noOpRunsMs: noOp.runsMs, noOpPeakRssMb: noOp.peakRssMb)
    }
}
