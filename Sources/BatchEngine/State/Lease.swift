import Foundation

/// This process's claim on the queue: one row in `batchrun_lease`, renewed by every range it commits.
///
/// The token fences writes: a runner whose lease was taken over finds its token gone at its next range, and that
/// range rolls back, so two runners never both commit work.
struct Lease: Sendable {
    let host: String
    let pid: Int32
    let token: String
    let timeToLive: Duration

    init(timeToLive: Duration) {
        host = LeaseRecord.localHost
        pid = getpid()
        token = UUID().uuidString
        self.timeToLive = timeToLive
    }

    /// Takes the lease when it is free, expired, or held by a dead process on this host.
    /// - Returns: the previous holder when the lease was taken over from it.
    /// - Throws: `BatchError` (`.workLeft`) naming the holder when a live runner holds it.
    func acquire(runID: Int64, in database: any SQLExecutor) throws -> LeaseRecord? {
        let current = try StateStore.lease(in: database)
        if let current, current.token != token, current.isAlive() {
            throw BatchError(
                .workLeft,
                "another runner holds the lease: \(current.holder) (last heartbeat \(current.heartbeatAt),"
                    + " expires in \(Int(max(0, current.expiresAt - Date.now.timeIntervalSince1970)))s)")
        }
        try database.execute("DELETE FROM batchrun_lease WHERE name = 'runner'", [])
        try database.execute(
            """
            INSERT INTO batchrun_lease (name, host, pid, run_id, token, heartbeat_at, expires_at)
            VALUES ('runner', ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(host), .integer(Int64(pid)), .integer(runID), .text(token),
                .text(StateStore.now()), .real(expiry()),
            ])
        return current
    }

    /// Proves this runner still holds the lease and extends it; inside every range's transaction.
    /// - Throws: `BatchError` (`.workLeft`) when the lease was taken over.
    func renew(at time: String = StateStore.now(), in database: any SQLExecutor) throws {
        let changed = try database.execute(
            "UPDATE batchrun_lease SET heartbeat_at = ?, expires_at = ? WHERE name = 'runner' AND token = ?",
            [.text(time), .real(expiry()), .text(token)])
        guard changed == 1 else {
            throw BatchError(.workLeft, "this runner's lease was taken over by another runner; stopping")
        }
    }

    /// Gives the lease up, if this runner still holds it.
    func release(in database: any SQLExecutor) throws {
        try database.execute("DELETE FROM batchrun_lease WHERE name = 'runner' AND token = ?", [.text(token)])
    }

    private func expiry() -> Double {
        Date.now.timeIntervalSince1970 + timeToLive.seconds
    }
}
