/// The exclusive lease in `batchrun_lease`: one runner per queue, always on SQLite, with `--exclusive` on PostgreSQL.
///
/// Its token fences writes: a runner whose lease was taken over finds its token gone at its next range, and that
/// range rolls back, so two exclusive runners never both commit work. Times are on the database's clock.
enum LeaseStore {
    /// The lease row, if a runner holds or held the lease; the state tables must exist.
    /// - Throws: `BatchError` (`.invalidInput`) for a row that cannot be a lease (an expiry that is not a time).
    static func read(in database: any SQLExecutor, near clock: Double) throws -> LeaseRecord? {
        guard
            let row = try database.firstRow(
                "SELECT host, pid, run_id, token, heartbeat_at, expires_at FROM batchrun_lease WHERE name = 'runner'",
                [])
        else { return nil }
        return LeaseRecord(
            host: row[0].text ?? "?", pid: Int32(truncatingIfNeeded: row[1].integer ?? 0), runID: row[2].integer,
            token: row[3].text ?? "", heartbeatAt: row[4].text ?? "",
            expiresAt: try StateCheck.instant(row[5], "the lease's expiry", near: clock))
    }

    /// Takes the lease for `run`, which its caller found free, expired, or held by a run whose process is gone.
    static func acquire(run: RunRecord, token: String, ttl: Duration, in database: any SQLExecutor) throws {
        let dialect = database.dialect
        try database.execute(
            """
            INSERT INTO batchrun_lease (name, host, pid, run_id, token, heartbeat_at, expires_at)
            VALUES ('runner', ?, ?, ?, ?, \(dialect.clockText), \(dialect.clockSeconds) + ?)
            ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, run_id = excluded.run_id,
                token = excluded.token, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
            """,
            [.text(run.host), .integer(Int64(run.pid)), .integer(run.id), .text(token), .real(ttl.seconds)])
    }

    /// Proves the token still holds the lease and extends it; inside every range's transaction of an exclusive run.
    /// - Throws: `BatchError` (`.workLeft`) when the lease was taken over: the whole run stops.
    static func renew(token: String, ttl: Duration, in database: any SQLExecutor) throws {
        let dialect = database.dialect
        let changed = try database.execute(
            "UPDATE batchrun_lease SET heartbeat_at = \(dialect.clockText), expires_at = \(dialect.clockSeconds) + ?"
                + " WHERE name = 'runner' AND token = ?", [.real(ttl.seconds), .text(token)])
        guard changed == 1 else {
            throw BatchError(.workLeft, "this run's lease was taken over by another runner; stopping")
        }
    }

    /// Gives the lease up, if the token still holds it.
    static func release(token: String, in database: any SQLExecutor) throws {
        try database.execute("DELETE FROM batchrun_lease WHERE name = 'runner' AND token = ?", [.text(token)])
    }
}
