/// Reads and writes `batchrun_steps` and the chunks of each step, inside the caller's transaction.
enum StepStore {
    /// Records a step not seen before, with one chunk spanning its whole walk.
    static func register(_ step: any Step, in database: any SQLExecutor) throws {
        let clock = database.dialect.clockText
        try database.execute(
            "INSERT INTO batchrun_steps (id, phase, status, checksum, updated_at) VALUES (?, ?, 'pending', ?, \(clock))",
            [.text(step.id), .text(step.phase.rawValue), .text(step.checksum)])
        try database.execute(
            "INSERT INTO batchrun_chunks (step_id, updated_at) VALUES (?, \(clock))", [.text(step.id)])
    }

    /// Brings a stored step's checksum and phase up to date, after the user accepted its change.
    static func accept(_ step: any Step, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_steps SET checksum = ?, phase = ? WHERE id = ?",
            [.text(step.checksum), .text(step.phase.rawValue), .text(step.id)])
    }

    /// Makes every failed step pending again, for a new run to retry from its chunks' cursors; its error stays
    /// until a range of the retry commits.
    static func retryFailed(in database: any SQLExecutor) throws {
        try database.execute("UPDATE batchrun_steps SET status = 'pending' WHERE status = 'failed'", [])
    }

    /// Makes the steps a vanished run left running pending again, once no run is active: resuming them counts as
    /// an attempt.
    static func resumeInterrupted(in database: any SQLExecutor) throws {
        try database.execute("UPDATE batchrun_steps SET status = 'pending' WHERE status = 'running'", [])
    }

    /// Marks a pending or failed step as being worked on, counting an attempt and clearing its last error.
    /// - Returns: whether this call started it (it was not running already).
    static func markRunning(_ id: String, total: Int?, in database: any SQLExecutor) throws -> Bool {
        let clock = database.dialect.clockText
        return try database.execute(
            """
            UPDATE batchrun_steps
               SET attempts = attempts + 1, status = 'running', error = NULL, total = coalesce(?, total),
                   started_at = coalesce(started_at, \(clock)), updated_at = \(clock)
             WHERE id = ? AND status IN ('pending', 'failed')
            """, [SQLValue(total), .text(id)]) == 1
    }

    /// Records a failed attempt; every chunk keeps its cursor at its last commit.
    static func markFailed(_ id: String, error: String, in database: any SQLExecutor) throws {
        let clock = database.dialect.clockText
        try database.execute(
            """
            UPDATE batchrun_steps
               SET attempts = attempts + CASE WHEN status = 'running' THEN 0 ELSE 1 END, status = 'failed',
                   error = ?, updated_at = \(clock)
             WHERE id = ? AND status <> 'done'
            """, [.text(error), .text(id)])
    }

    /// Marks the step done when none of its chunks is left; the step's row is locked first, so that two workers
    /// finishing its last two chunks at once cannot both miss each other's commit.
    /// - Returns: whether the step is done now.
    static func finishIfComplete(_ id: String, in database: any SQLExecutor) throws -> Bool {
        let dialect = database.dialect
        _ = try database.firstRow("SELECT status FROM batchrun_steps WHERE id = ?\(dialect.forUpdate)", [.text(id)])
        let open = try database.firstRow(
            "SELECT count(*) FROM batchrun_chunks WHERE step_id = ? AND done = 0", [.text(id)])
        guard open?.first?.integer == 0 else { return false }
        try database.execute(
            "UPDATE batchrun_steps SET status = 'done', updated_at = \(dialect.clockText),"
                + " finished_at = \(dialect.clockText) WHERE id = ?", [.text(id)])
        return true
    }

    /// Where a stored step stands, as a claim needs to know it.
    struct Standing {
        /// Its status.
        var status: StepRecord.Status
        /// Its last error.
        var error: String?
        /// Its total estimate.
        var total: Int?
    }

    /// Where every stored step stands.
    static func standings(in database: any SQLExecutor) throws -> [String: Standing] {
        var standings: [String: Standing] = [:]
        try database.forEachRow("SELECT id, status, error, total FROM batchrun_steps", []) { row in
            let id = row[0].text ?? "?"
            standings[id] = Standing(
                status: try status(row[1], of: id), error: row[2].text,
                total: try StateCheck.optionalCount(row[3], "the total of step '\(id)'"))
        }
        return standings
    }

    /// A stored status, validated.
    static func status(_ value: SQLValue, of id: String) throws -> StepRecord.Status {
        guard let status = value.text.flatMap(StepRecord.Status.init(rawValue:)) else {
            throw BatchError(
                .invalidInput, "corrupt state: step '\(id)' has status '\(value.text ?? "NULL")' in batchrun_steps",
                step: id)
        }
        return status
    }
}
