/// Reads and writes `batchrun_chunks`, inside the caller's transaction: the cursor, count and claim of each key
/// sub-range of a step.
enum ChunkStore {
    /// The columns `record(_:of:)` reads, in order.
    static let columns =
        "id, lower_bound, upper_bound, cursor, processed, estimate, done, range_size, claimed_by, claim_expires_at"

    /// A chunk read with `columns`, validated.
    static func record(_ row: [SQLValue], of step: String) throws -> ChunkRecord {
        let id = try StateCheck.integer(row[0], "a chunk id of step '\(step)'")
        let name = "chunk \(id) of step '\(step)'"
        return ChunkRecord(
            id: id, lowerBound: try StateCheck.cursor(row[1], "the lower bound of \(name)"),
            upperBound: try StateCheck.cursor(row[2], "the upper bound of \(name)"),
            cursor: try StateCheck.cursor(row[3], "the cursor of \(name)"),
            processed: try StateCheck.count(row[4], "processed of \(name)"),
            estimate: try StateCheck.optionalCount(row[5], "the estimate of \(name)"), isDone: row[6].integer == 1,
            rangeSize: try StateCheck.optionalCount(row[7], "the range size of \(name)"), claimedBy: row[8].integer,
            claimExpiresAt: try StateCheck.optionalNumber(row[9], "the claim expiry of \(name)"))
    }

    /// Checks that a chunk's claim expiry, if it has one, is a time near the database's `clock`: where the expiry is
    /// compared with the clock, a crafted one must be refused rather than keep a claim alive for ever.
    static func checkClaimExpiry(of chunk: ChunkRecord, step: String, near clock: Double) throws {
        guard let expiry = chunk.claimExpiresAt else { return }
        _ = try StateCheck.instant(
            .real(expiry), "the claim expiry of chunk \(chunk.id) of step '\(step)'", near: clock)
    }

    /// Chunks in key order: each one's lower bound is the previous one's upper bound, from the start of the walk.
    static func inKeyOrder(_ chunks: [ChunkRecord]) -> [ChunkRecord] {
        var rest = chunks.sorted { $0.id < $1.id }
        var ordered: [ChunkRecord] = []
        var bound: Cursor? = nil
        while let next = rest.firstIndex(where: { $0.lowerBound == bound }) {
            let chunk = rest.remove(at: next)
            ordered.append(chunk)
            guard let upper = chunk.upperBound else { break }
            bound = upper
        }
        return ordered + rest
    }

    /// Proves the claim `token` on chunk `id` and extends it by `ttl`, locking the chunk's row until commit: the
    /// fence every range passes. A worker that lost its claim (taken over after a partition or a pause) gets `nil`.
    /// - Returns: the chunk as it stands under the lock.
    static func fence(
        _ id: Int64, token: String, ttl: Duration, step: String, in database: any SQLExecutor
    ) throws -> ChunkRecord? {
        let dialect = database.dialect
        guard
            let row = try database.firstRow(
                "UPDATE batchrun_chunks SET claim_expires_at = \(dialect.clockSeconds) + ?,"
                    + " updated_at = \(dialect.clockText) WHERE id = ? AND claim_token = ? AND done = 0"
                    + " RETURNING \(columns)", [.real(ttl.seconds), .integer(id), .text(token)])
        else { return nil }
        return try record(row, of: step)
    }

    /// Records a committed range of chunk `id`, whose row the range's fence locked: its new cursor and count;
    /// `done` releases the claim.
    static func advance(
        _ id: Int64, to cursor: Cursor?, processed: Int, done: Bool, rangeSize: Int, in database: any SQLExecutor
    ) throws {
        let clock = database.dialect.clockText
        try database.execute(
            """
            UPDATE batchrun_chunks
               SET cursor = ?, processed = ?, done = ?, range_size = ?, updated_at = \(clock),
                   claim_token = CASE WHEN ? = 1 THEN NULL ELSE claim_token END
             WHERE id = ?
            """,
            [
                SQLValue(cursor?.serialized), .integer(Int64(processed)), .integer(done ? 1 : 0),
                .integer(Int64(rangeSize)), .integer(done ? 1 : 0), .integer(id),
            ])
    }

    /// Units processed in step `step` over all its chunks, held at `Int.max` for a crafted state.
    static func processed(of step: String, in database: any SQLExecutor) throws -> Int {
        var counts: [Int] = []
        try database.forEachRow("SELECT processed FROM batchrun_chunks WHERE step_id = ?", [.text(step)]) { row in
            counts.append(try StateCheck.count(row[0], "processed of a chunk of step '\(step)'"))
        }
        return counts.saturatingSum
    }

    /// Gives up the claim `token` on chunk `id`, if it is still held, so another worker may take it at once.
    static func release(_ id: Int64, token: String, in database: any SQLExecutor) throws {
        try database.execute(
            "UPDATE batchrun_chunks SET claim_token = NULL, claimed_by = NULL, claim_expires_at = NULL"
                + " WHERE id = ? AND claim_token = ?", [.integer(id), .text(token)])
    }

    /// Extends the claims `tokens` by `ttl`, skipping rows a range transaction holds (it renews its own).
    static func renew(tokens: [String], ttl: Duration, in database: any SQLExecutor) throws {
        guard !tokens.isEmpty else { return }
        let dialect = database.dialect
        try database.execute(
            "UPDATE batchrun_chunks SET claim_expires_at = \(dialect.clockSeconds) + ? WHERE id IN"
                + " (SELECT id FROM batchrun_chunks WHERE claim_token IN (\(placeholders(tokens.count)))"
                + "\(dialect.skipLocked))", [.real(ttl.seconds)] + tokens.map { .text($0) })
    }
}
