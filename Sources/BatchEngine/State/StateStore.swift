import Foundation

/// Reads and writes the per-step records, the run history and the event log, inside the caller's transaction.
enum StateStore {
    /// Reads the whole state; the empty state when the tables do not exist yet.
    /// - Throws: `BatchError` (`.invalidInput`) for a newer schema or a corrupt row.
    static func snapshot(in database: any SQLExecutor) throws -> StateSnapshot {
        let version = try StateSchema.version(in: database)
        guard version > 0 else { return .empty }
        var snapshot = StateSnapshot(schemaVersion: version, steps: [:], lease: nil, lastRun: nil)
        let rangeSize = version >= 2 ? "range_size" : "NULL"
        try database.forEachRow(
            """
            SELECT id, phase, status, cursor, processed, total, checksum, attempts, error,
                   started_at, updated_at, finished_at, \(rangeSize)
              FROM batchrun_steps
            """, []
        ) { row in
            let record = try stepRecord(row)
            snapshot.steps[record.id] = record
        }
        snapshot.lease = try lease(in: database)
        if let row = try database.firstRow(
            """
            SELECT id, host, pid, started_at, finished_at, outcome, processed
              FROM batchrun_runs ORDER BY id DESC LIMIT 1
            """, [])
        {
            snapshot.lastRun = RunRecord(
                id: row[0].integer ?? 0, host: row[1].text ?? "?", pid: Int32(truncatingIfNeeded: row[2].integer ?? 0),
                startedAt: row[3].text ?? "", finishedAt: row[4].text, outcome: row[5].text,
                processed: Int(row[6].integer ?? 0))
        }
        if version >= 2, let runID = snapshot.lease?.runID {
            snapshot.control = try control(run: runID, in: database)
        }
        try database.forEachRow(
            """
            SELECT id, at, step_id, kind, message FROM
              (SELECT * FROM batchrun_events ORDER BY id DESC LIMIT ?) ORDER BY id
            """, [.integer(Int64(recentEventsRead))]
        ) { row in
            snapshot.recentEvents.append(
                EventRecord(
                    id: row[0].integer ?? 0, at: row[1].text ?? "", step: row[2].text, kind: row[3].text ?? "",
                    message: row[4].text ?? ""))
        }
        return snapshot
    }

    /// The lease row, if a runner holds or held the lease; the state tables must exist.
    static func lease(in database: any SQLExecutor) throws -> LeaseRecord? {
        guard
            let row = try database.firstRow(
                "SELECT host, pid, run_id, token, heartbeat_at, expires_at FROM batchrun_lease WHERE name = 'runner'",
                [])
        else { return nil }
        return LeaseRecord(
            host: row[0].text ?? "?", pid: Int32(truncatingIfNeeded: row[1].integer ?? 0), runID: row[2].integer,
            token: row[3].text ?? "", heartbeatAt: row[4].text ?? "", expiresAt: row[5].real ?? 0)
    }

    private static func stepRecord(_ row: [SQLValue]) throws -> StepRecord {
        let id = row[0].text ?? "?"
        func corrupt(_ what: String) -> BatchError {
            BatchError(.invalidInput, "corrupt state: \(what) of step '\(id)' in batchrun_steps", step: id)
        }
        guard let status = row[2].text.flatMap(StepRecord.Status.init(rawValue:)) else {
            throw corrupt("status '\(row[2].text ?? "NULL")'")
        }
        var cursor: Cursor?
        if let text = row[3].text {
            do { cursor = try Cursor(serialized: text) } catch {
                throw corrupt("the cursor '\(text)' is unreadable: it")
            }
        } else if row[3] != .null {
            throw corrupt("the cursor")
        }
        guard let processed = row[4].integer, let attempts = row[7].integer, let checksum = row[6].text else {
            throw corrupt("a counter")
        }
        return StepRecord(
            id: id, phase: row[1].text ?? "update", status: status, cursor: cursor, processed: Int(processed),
            total: row[5].integer.map(Int.init), checksum: checksum, attempts: Int(attempts), error: row[8].text,
            startedAt: row[9].text, updatedAt: row[10].text, finishedAt: row[11].text,
            rangeSize: row[12].integer.map(Int.init))
    }

    /// Records a step not seen before, or brings a stored step's checksum up to date.
    static func register(_ step: any Step, known: Bool, in database: any SQLExecutor) throws {
        if known {
            try database.execute(
                "UPDATE batchrun_steps SET checksum = ?, phase = ? WHERE id = ?",
                [.text(step.checksum), .text(step.phase.rawValue), .text(step.id)])
        } else {
            try database.execute(
                "INSERT INTO batchrun_steps (id, phase, status, checksum, updated_at) VALUES (?, ?, 'pending', ?, ?)",
                [.text(step.id), .text(step.phase.rawValue), .text(step.checksum), .text(now())])
        }
    }

    /// Marks a step as being worked on by this run.
    static func markRunning(_ id: String, total: Int?, in database: any SQLExecutor) throws {
        let time = now()
        try database.execute(
            """
            UPDATE batchrun_steps
               SET status = 'running', attempts = attempts + 1, error = NULL, total = coalesce(?, total),
                   started_at = coalesce(started_at, ?), updated_at = ?
             WHERE id = ?
            """, [SQLValue(total), .text(time), .text(time), .text(id)])
    }

    /// Records a committed range: the new cursor and counters, and `done` when the step finished.
    /// `rangeSize` is remembered so that a resumed step starts at the size the last run had adapted to.
    static func advance(
        _ id: String, by result: RangeResult, rangeSize: Int, at time: String, in database: any SQLExecutor
    ) throws {
        try database.execute(
            """
            UPDATE batchrun_steps
               SET cursor = ?, processed = processed + ?, total = coalesce(?, total), status = ?,
                   updated_at = ?, finished_at = ?, range_size = ?
             WHERE id = ?
            """,
            [
                SQLValue(result.next?.serialized), .integer(Int64(result.processed)), SQLValue(result.totalEstimate),
                .text(result.isDone ? "done" : "running"), .text(time), result.isDone ? .text(time) : .null,
                .integer(Int64(rangeSize)), .text(id),
            ])
    }

    /// Records a failed attempt; the cursor stays at the last commit. `countAttempt` counts it when no range of
    /// this attempt committed (the first range marks the step running and counts the attempt).
    static func markFailed(_ id: String, error: String, countAttempt: Bool, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_steps SET status = 'failed', error = ?, updated_at = ?, attempts = attempts + ? WHERE id = ?",
            [.text(error), .text(now()), .integer(countAttempt ? 1 : 0), .text(id)])
    }

    /// Starts a run record and returns its id.
    static func startRun(host: String, pid: Int32, in database: any SQLExecutor) throws -> Int64 {
        try database.execute(
            """
            INSERT INTO batchrun_runs (id, host, pid, started_at)
            SELECT coalesce(max(id), 0) + 1, ?, ?, ? FROM batchrun_runs
            """, [.text(host), .integer(Int64(pid)), .text(now())])
        return try database.firstRow("SELECT max(id) FROM batchrun_runs", [])?.first?.integer ?? 0
    }

    /// Closes a run record and drops the run's control requests.
    static func finishRun(_ id: Int64, outcome: String, processed: Int, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_runs SET finished_at = ?, outcome = ?, processed = ? WHERE id = ?",
            [.text(now()), .text(outcome), .integer(Int64(processed)), .integer(id)])
        try database.execute("DELETE FROM batchrun_control WHERE run_id = ?", [.integer(id)])
    }

    /// What has been asked of the runner of `run`.
    static func control(run: Int64, in database: any SQLExecutor) throws -> ControlState {
        guard
            let row = try database.firstRow(
                "SELECT paused, throttle, stop_reason FROM batchrun_control WHERE run_id = ?", [.integer(run)])
        else { return ControlState() }
        return ControlState(paused: row[0].integer == 1, throttle: row[1].real, stopReason: row[2].text)
    }

    /// Records a request for the runner of `run`.
    static func update(control request: ControlRequest, run: Int64, in database: any SQLExecutor) throws {
        try database.execute(
            "INSERT INTO batchrun_control (run_id, updated_at) SELECT ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM batchrun_control WHERE run_id = ?)",
            [.integer(run), .text(now()), .integer(run)])
        let (column, value): (String, SQLValue) =
            switch request {
            case .pause: ("paused", 1)
            case .resume: ("paused", 0)
            case .stop: ("stop_reason", "stop requested")
            case .throttle(let fraction): ("throttle", .real(fraction))
            }
        try database.execute(
            "UPDATE batchrun_control SET \(column) = ?, updated_at = ? WHERE run_id = ?",
            [value, .text(now()), .integer(run)])
        try log("control", "\(request) requested", run: run, in: database)
    }

    /// Appends to the event log a watcher can tail, keeping its most recent `eventsKept` entries.
    static func log(
        _ kind: String, _ message: String, step: String? = nil, run: Int64?, in database: any SQLExecutor
    ) throws {
        try database.execute(
            """
            INSERT INTO batchrun_events (id, at, run_id, step_id, kind, message)
            SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, ? FROM batchrun_events
            """, [.text(now()), run.map { .integer($0) } ?? .null, SQLValue(step), .text(kind), .text(message)])
        try database.execute(
            "DELETE FROM batchrun_events WHERE id <= (SELECT max(id) FROM batchrun_events) - ?",
            [.integer(Int64(eventsKept))])
    }

    /// How many of the latest events a snapshot holds.
    static let recentEventsRead = 20

    /// How many events the log keeps.
    static let eventsKept = 1000

    /// The current time in ISO 8601, as every timestamp in the state tables.
    static func now() -> String {
        Date.now.formatted(.iso8601)
    }
}
