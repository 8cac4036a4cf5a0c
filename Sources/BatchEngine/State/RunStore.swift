/// Reads and writes `batchrun_runs` and `batchrun_workers`, inside the caller's transaction.
enum RunStore {
    /// Records a run and returns its id, which the database assigns.
    static func start(
        host: String, pid: Int32, workers: Int, exclusive: Bool, in database: any SQLExecutor
    ) throws -> Int64 {
        let row = try database.firstRow(
            "INSERT INTO batchrun_runs (host, pid, started_at, workers, exclusive)"
                + " VALUES (?, ?, \(database.dialect.clockText), ?, ?) RETURNING id",
            [.text(host), .integer(Int64(pid)), .integer(Int64(workers)), .integer(exclusive ? 1 : 0)])
        return try StateCheck.integer(row?.first, "the id of a new run")
    }

    /// Closes a run record and stops its workers.
    static func finish(_ id: Int64, outcome: String, processed: Int, in database: any SQLExecutor) throws {
        let clock = database.dialect.clockText
        try database.execute(
            "UPDATE batchrun_runs SET finished_at = \(clock), outcome = ?, processed = ? WHERE id = ?",
            [.text(outcome), .integer(Int64(processed)), .integer(id)])
        try database.execute(
            "UPDATE batchrun_workers SET stopped_at = \(clock), step_id = NULL, chunk_id = NULL, state = 'stopped'"
                + " WHERE run_id = ? AND stopped_at IS NULL", [.integer(id)])
    }

    /// Opens again a run another process closed as vanished while the run's connection was lost, with its workers.
    static func reopen(_ id: Int64, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_runs SET finished_at = NULL, outcome = NULL WHERE id = ? AND outcome = 'vanished'",
            [.integer(id)])
        try database.execute(
            "UPDATE batchrun_workers SET stopped_at = NULL WHERE run_id = ? AND state = 'stopped' AND stopped_at IS NOT NULL"
                + " AND run_id IN (SELECT id FROM batchrun_runs WHERE finished_at IS NULL)", [.integer(id)])
    }

    /// Proves worker `id` alive again after its connection was lost, as the worker of an open run.
    static func reopenWorker(_ id: Int64, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_workers SET stopped_at = NULL, state = 'running' WHERE id = ?", [.integer(id)])
    }

    /// Records a worker of run `runID` and returns its id.
    static func addWorker(
        named name: String, run runID: Int64, host: String, pid: Int32, in database: any SQLExecutor
    ) throws -> Int64 {
        let clock = database.dialect
        let row = try database.firstRow(
            "INSERT INTO batchrun_workers (run_id, name, host, pid, started_at, heartbeat_at, heartbeat, state)"
                + " VALUES (?, ?, ?, ?, \(clock.clockText), \(clock.clockText), \(clock.clockSeconds), 'idle')"
                + " RETURNING id",
            [.integer(runID), .text(name), .text(host), .integer(Int64(pid))])
        return try StateCheck.integer(row?.first, "the id of a new worker")
    }

    /// Records what a worker does now and proves it alive.
    static func report(
        worker id: Int64, step: String?, chunk: Int64?, rate: Double?, state: String, in database: any SQLExecutor
    ) throws {
        let dialect = database.dialect
        try database.execute(
            "UPDATE batchrun_workers SET heartbeat_at = \(dialect.clockText), heartbeat = \(dialect.clockSeconds),"
                + " step_id = ?, chunk_id = ?, rate = ?, state = ? WHERE id = ?",
            [SQLValue(step), chunk.map { .integer($0) } ?? .null, SQLValue(rate), .text(state), .integer(id)])
    }

    /// Proves the workers `ids` alive without changing what they report.
    static func heartbeat(workers ids: [Int64], in database: any SQLExecutor) throws {
        guard !ids.isEmpty else { return }
        let dialect = database.dialect
        try database.execute(
            "UPDATE batchrun_workers SET heartbeat_at = \(dialect.clockText), heartbeat = \(dialect.clockSeconds)"
                + " WHERE id IN (\(placeholders(ids.count)))", ids.map { .integer($0) })
    }

    /// The runs not finished whose process is alive.
    static func activeRuns(in database: any SQLExecutor) throws -> [RunRecord] {
        let open = try runs(where: "finished_at IS NULL", in: database)
        let gone = try database.goneHolders(open.map(\.holder))
        return open.filter { !gone.contains($0.holder) }
    }

    /// Closes, as `vanished`, the runs not finished whose process is gone (killed, or its host lost), with their
    /// workers: nobody ever has to clean up after a crash.
    static func closeVanishedRuns(in database: any SQLExecutor) throws {
        let open = try runs(where: "finished_at IS NULL", in: database)
        let gone = try database.goneHolders(open.map(\.holder))
        for run in open where gone.contains(run.holder) {
            try finish(run.id, outcome: "vanished", processed: run.processed, in: database)
        }
    }

    /// The most recent run, if any.
    static func lastRun(in database: any SQLExecutor) throws -> RunRecord? {
        try runs(where: "id = (SELECT max(id) FROM batchrun_runs)", in: database).first
    }

    /// Runs matching `condition`, oldest first.
    static func runs(where condition: String, in database: any SQLExecutor) throws -> [RunRecord] {
        var runs: [RunRecord] = []
        try database.forEachRow(
            "SELECT id, host, pid, started_at, finished_at, outcome, processed, workers FROM batchrun_runs"
                + " WHERE \(condition) ORDER BY id", []
        ) { row in
            runs.append(
                RunRecord(
                    id: try StateCheck.integer(row[0], "a run id"), host: row[1].text ?? "?",
                    pid: Int32(truncatingIfNeeded: row[2].integer ?? 0), startedAt: row[3].text ?? "",
                    finishedAt: row[4].text, outcome: row[5].text,
                    processed: try StateCheck.count(row[6], "processed of a run"),
                    workers: try StateCheck.count(row[7], "workers of a run")))
        }
        return runs
    }

    /// The workers of `runs` that have not stopped.
    static func workers(of runs: [Int64], in database: any SQLExecutor) throws -> [WorkerRecord] {
        guard !runs.isEmpty else { return [] }
        var workers: [WorkerRecord] = []
        try database.forEachRow(
            """
            SELECT id, run_id, name, host, pid, heartbeat_at, step_id, chunk_id, rate, state, stopped_at
              FROM batchrun_workers WHERE run_id IN (\(placeholders(runs.count))) AND stopped_at IS NULL ORDER BY id
            """, runs.map { .integer($0) }
        ) { row in
            workers.append(
                WorkerRecord(
                    id: try StateCheck.integer(row[0], "a worker id"), runID: row[1].integer ?? 0,
                    name: row[2].text ?? "?", host: row[3].text ?? "?",
                    pid: Int32(truncatingIfNeeded: row[4].integer ?? 0), heartbeatAt: row[5].text, step: row[6].text,
                    chunk: row[7].integer, rate: row[8].real, state: row[9].text, stoppedAt: row[10].text))
        }
        return workers
    }

    /// Forgets the workers of all but the latest runs, so the table does not grow without bound.
    static func pruneWorkers(keepingRuns kept: Int, in database: any SQLExecutor) throws {
        try database.execute(
            "DELETE FROM batchrun_workers WHERE stopped_at IS NOT NULL"
                + " AND run_id <= (SELECT max(id) FROM batchrun_runs) - ?", [.integer(Int64(kept))])
    }
}

/// `?, ?, ?` for `count` positional parameters.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
