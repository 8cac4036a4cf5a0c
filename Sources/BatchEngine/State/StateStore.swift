/// Reads the whole state in one transaction, for `status`, dashboards and a run's preflight.
enum StateStore {
    /// Reads the whole state; the empty state when the tables do not exist yet. A state of an older version is read
    /// as it is, without upgrading it.
    /// - Throws: `BatchError` (`.invalidInput`) for a newer schema or a corrupt row.
    static func snapshot(in database: any SQLExecutor) throws -> StateSnapshot {
        let version = try StateSchema.version(in: database)
        guard version > 0 else { return .empty }
        let clock = try Self.clock(in: database)
        var snapshot = StateSnapshot(
            schemaVersion: version,
            steps: version < 3 ? try legacySteps(in: database) : try steps(in: database, near: clock))
        snapshot.databaseTime = clock
        snapshot.lease = try LeaseStore.read(in: database, near: clock)
        if let lease = snapshot.lease, lease.expiresAt > clock {
            snapshot.leaseIsLive = try lease.runHolder.map { try database.goneHolders([$0]).isEmpty } ?? true
        }
        guard version == StateSchema.currentVersion else { return snapshot }
        snapshot.lastRun = try RunStore.lastRun(in: database)
        snapshot.activeRuns = try RunStore.activeRuns(in: database)
        snapshot.workers = try RunStore.workers(of: snapshot.activeRuns.map(\.id), in: database)
        if let run = snapshot.lastRun { snapshot.control = try ControlStore.read(for: run.id, in: database) }
        snapshot.recentEvents = try EventLog.recent(in: database)
        return snapshot
    }

    /// The database's clock, in seconds since 1970.
    static func clock(in database: any SQLExecutor) throws -> Double {
        guard let seconds = try database.firstRow("SELECT \(database.dialect.clockSeconds)", [])?.first?.real else {
            throw BatchError(.invalidInput, "the database did not tell its time")
        }
        return seconds
    }

    /// Steps and their chunks, as version 3 stores them; claims expire by the database's `clock`.
    private static func steps(in database: any SQLExecutor, near clock: Double) throws -> [String: StepRecord] {
        var steps: [String: StepRecord] = [:]
        try database.forEachRow(
            """
            SELECT id, phase, status, checksum, total, attempts, error, started_at, updated_at, finished_at
              FROM batchrun_steps
            """, []
        ) { row in
            let id = row[0].text ?? "?"
            guard let checksum = row[3].text else { throw StateCheck.corrupt("step '\(id)' has no checksum") }
            steps[id] = StepRecord(
                id: id, phase: row[1].text ?? "update", status: try StepStore.status(row[2], of: id),
                checksum: checksum, total: try StateCheck.optionalCount(row[4], "the total of step '\(id)'"),
                attempts: try StateCheck.count(row[5], "the attempts of step '\(id)'"), error: row[6].text,
                startedAt: row[7].text, updatedAt: row[8].text, finishedAt: row[9].text)
        }
        try database.forEachRow(
            """
            SELECT step_id, id, lower_bound, upper_bound, cursor, processed, estimate, done, range_size, claimed_by,
                   claim_expires_at
              FROM batchrun_chunks ORDER BY step_id, id
            """, []
        ) { row in
            let id = row[0].text ?? "?"
            guard steps[id] != nil else { return }
            let chunk = try ChunkStore.record(Array(row.dropFirst()), of: id)
            try ChunkStore.checkClaimExpiry(of: chunk, step: id, near: clock)
            steps[id]?.chunks.append(chunk)
        }
        for (id, step) in steps { steps[id]?.chunks = ChunkStore.inKeyOrder(step.chunks) }
        return steps
    }

    /// Steps as versions 1 and 2 stored them: one cursor each, read as one chunk.
    private static func legacySteps(in database: any SQLExecutor) throws -> [String: StepRecord] {
        var steps: [String: StepRecord] = [:]
        try database.forEachRow(
            """
            SELECT id, phase, status, cursor, processed, total, checksum, attempts, error,
                   started_at, updated_at, finished_at
              FROM batchrun_steps
            """, []
        ) { row in
            let id = row[0].text ?? "?"
            let status = try StepStore.status(row[2], of: id)
            let chunk = ChunkRecord(
                id: 0, lowerBound: nil, upperBound: nil, cursor: try StateCheck.cursor(row[3], "the cursor of '\(id)'"),
                processed: try StateCheck.count(row[4], "processed of step '\(id)'"), estimate: nil,
                isDone: status == .done, rangeSize: nil, claimedBy: nil, claimExpiresAt: nil)
            guard let checksum = row[6].text else { throw StateCheck.corrupt("step '\(id)' has no checksum") }
            steps[id] = StepRecord(
                id: id, phase: row[1].text ?? "update", status: status, checksum: checksum,
                total: try StateCheck.optionalCount(row[5], "the total of step '\(id)'"),
                attempts: try StateCheck.count(row[7], "the attempts of step '\(id)'"), error: row[8].text,
                startedAt: row[9].text, updatedAt: row[10].text, finishedAt: row[11].text, chunks: [chunk])
        }
        return steps
    }
}
