import Foundation

/// Finds a worker its next chunk, inside one claim transaction: a free or abandoned chunk of a ready step, taken with
/// `SKIP LOCKED`; failing that, half of the largest chunk another worker is walking.
///
/// A step is ready when every step it depends on is done (a pipeline, not waves). A claim is abandoned when it
/// expired on the database's clock, when its worker's session is provably gone, or, in an exclusive run, when it
/// belongs to another run.
struct Claimer {
    /// The run.
    let context: RunContext
    /// The worker that claims.
    let worker: WorkerRecord

    /// The fewest units a chunk must have left to be worth splitting.
    var minimumSplit: Int { max(4 * context.options.initialRangeSize, 1_000) }

    /// One open chunk of a ready step, as the claim transaction first reads it.
    private struct Candidate {
        var step: any Step
        var chunk: ChunkRecord
        var token: String?
        var isLive = false
    }

    /// Claims the next chunk for `worker`.
    func next(in database: any SQLExecutor) throws -> ClaimOutcome {
        let plan = context.plan
        let standings = try StepStore.standings(in: database)
        let done = Set(plan.steps.map(\.id).filter { standings[$0]?.status == .done })
        if done.count == plan.steps.count { return .drained }
        let failed = Set(plan.steps.map(\.id).filter { standings[$0]?.status == .failed })
        if !context.options.keepGoing, let first = plan.steps.first(where: { failed.contains($0.id) }) {
            return .failed(step: first.id, error: standings[first.id]?.error)
        }
        let ready = plan.ready(done: done).filter { !failed.contains($0.id) }
        guard !ready.isEmpty else {
            let blocked = plan.blocked(by: failed)
            return plan.steps.allSatisfy { done.contains($0.id) || blocked.contains($0.id) } ? .blocked : .wait
        }
        let candidates = try liveness(of: try openChunks(of: ready, in: database), in: database)
        var live: [String: Int] = [:]
        for candidate in candidates where candidate.isLive { live[candidate.step.id, default: 0] += 1 }
        // A step nobody works on comes before more chunks of one in hand: independent steps run side by side.
        let free = candidates.filter { !$0.isLive }.enumerated()
            .sorted {
                (live[$0.element.step.id, default: 0], $0.offset) < (live[$1.element.step.id, default: 0], $1.offset)
            }
            .map(\.element)
        for candidate in free {
            guard live[candidate.step.id, default: 0] < candidate.step.maxWorkers else { continue }
            let total = standings[candidate.step.id]?.total
            let single = !candidates.contains { $0.step.id == candidate.step.id && $0.chunk.id != candidate.chunk.id }
            if let claimed = try take(candidate, total: total, onlyChunk: single, in: database) {
                return .claimed(claimed)
            }
        }
        let splittable = candidates.filter { candidate in
            candidate.isLive && live[candidate.step.id, default: 0] < candidate.step.maxWorkers
        }
        return try split(splittable, totals: standings.mapValues(\.total), in: database).map(ClaimOutcome.claimed)
            ?? .wait
    }

    /// The open chunks of the ready steps, in plan order.
    private func openChunks(of ready: [any Step], in database: any SQLExecutor) throws -> [Candidate] {
        let byID = Dictionary(uniqueKeysWithValues: ready.map { ($0.id, $0) })
        var candidates: [Candidate] = []
        try database.forEachRow(
            "SELECT step_id, \(ChunkStore.columns), claim_token FROM batchrun_chunks"
                + " WHERE done = 0 AND step_id IN (\(placeholders(ready.count))) ORDER BY id",
            ready.map { .text($0.id) }
        ) { row in
            guard let id = row[0].text, let step = byID[id] else { return }
            let chunk = try ChunkStore.record(Array(row[1..<row.count - 1]), of: id)
            candidates.append(Candidate(step: step, chunk: chunk, token: row[row.count - 1].text))
        }
        let order = Dictionary(uniqueKeysWithValues: ready.enumerated().map { ($1.id, $0) })
        return candidates.sorted { (order[$0.step.id] ?? 0, $0.chunk.id) < (order[$1.step.id] ?? 0, $1.chunk.id) }
    }

    /// Marks the candidates whose claim still holds: unexpired, its worker's session alive, and in an exclusive run
    /// one of this run's own workers.
    private func liveness(of candidates: [Candidate], in database: any SQLExecutor) throws -> [Candidate] {
        let clock = try StateStore.clock(in: database)
        let claimers = Set(candidates.compactMap { $0.token == nil ? nil : $0.chunk.claimedBy })
        let workers = try claimerRecords(Array(claimers), in: database)
        let gone = try database.goneHolders(workers.values.map(\.holder))
        return try candidates.map { candidate in
            var candidate = candidate
            try ChunkStore.checkClaimExpiry(of: candidate.chunk, step: candidate.step.id, near: clock)
            guard candidate.token != nil, let claimer = candidate.chunk.claimedBy.flatMap({ workers[$0] }) else {
                return candidate
            }
            let ownRun = claimer.runID == context.run.id
            candidate.isLive =
                (candidate.chunk.claimExpiresAt ?? 0) > clock && !gone.contains(claimer.holder)
                && (context.leaseToken == nil || ownRun)
            return candidate
        }
    }

    /// The workers `ids`, by id.
    private func claimerRecords(_ ids: [Int64], in database: any SQLExecutor) throws -> [Int64: WorkerRecord] {
        guard !ids.isEmpty else { return [:] }
        var workers: [Int64: WorkerRecord] = [:]
        try database.forEachRow(
            "SELECT id, run_id, name, host, pid FROM batchrun_workers WHERE id IN (\(placeholders(ids.count)))",
            ids.map { .integer($0) }
        ) { row in
            guard let id = row[0].integer else { return }
            workers[id] = WorkerRecord(
                id: id, runID: row[1].integer ?? 0, name: row[2].text ?? "?", host: row[3].text ?? "?",
                pid: Int32(truncatingIfNeeded: row[4].integer ?? 0))
        }
        return workers
    }

    /// Claims a chunk nobody holds, if no other transaction got to it first; a fresh step's only chunk is first cut
    /// into chunks for this process's workers.
    private func take(
        _ candidate: Candidate, total: Int?, onlyChunk: Bool, in database: any SQLExecutor
    ) throws -> ClaimedChunk? {
        let dialect = database.dialect
        guard
            let row = try database.firstRow(
                "SELECT \(ChunkStore.columns), claim_token FROM batchrun_chunks WHERE id = ? AND done = 0"
                    + dialect.skipLocked, [.integer(candidate.chunk.id)]),
            row.last?.text == candidate.token
        else { return nil }
        let token = UUID().uuidString
        try database.execute(
            "UPDATE batchrun_chunks SET claim_token = ?, claimed_by = ?, claim_expires_at = \(dialect.clockSeconds) + ?"
                + " WHERE id = ?",
            [
                .text(token), .integer(worker.id), .real(context.options.claimTimeToLive.seconds),
                .integer(candidate.chunk.id),
            ])
        var chunk = try ChunkStore.record(Array(row.dropLast()), of: candidate.step.id)
        let fresh = onlyChunk && chunk.lowerBound == nil && chunk.upperBound == nil && chunk.cursor == nil
        if fresh && chunk.processed == 0 && context.workerCount > 1 && candidate.step.maxWorkers > 1 {
            chunk = try cut(chunk, of: candidate.step, in: database)
        }
        let origin: ClaimedChunk.Origin =
            try candidate.token == nil ? .free : .takenOver(from: previousHolder(of: candidate, in: database))
        return ClaimedChunk(step: candidate.step, chunk: chunk, token: token, stepTotal: total, origin: origin)
    }

    /// `host pid N wK`, the worker whose claim was taken over.
    private func previousHolder(of candidate: Candidate, in database: any SQLExecutor) throws -> String {
        guard let id = candidate.chunk.claimedBy else { return "an unknown worker" }
        return try claimerRecords([id], in: database)[id]?.label ?? "worker \(id)"
    }

    /// Cuts a fresh step's whole walk into about four chunks per worker of this process, at split points the step
    /// finds from its key distribution; returns the first chunk, which stays claimed.
    private func cut(_ chunk: ChunkRecord, of step: any Step, in database: any SQLExecutor) throws -> ChunkRecord {
        let points = try step.splitPoints(into: 4 * context.workerCount, in: database)
        guard !points.isEmpty else { return chunk }
        let estimate = try step.estimateTotal(in: database).map { $0 / (points.count + 1) }
        let clock = database.dialect.clockText
        try database.execute(
            "UPDATE batchrun_chunks SET upper_bound = ?, estimate = ? WHERE id = ?",
            [.text(points[0].serialized), SQLValue(estimate), .integer(chunk.id)])
        for (index, lower) in points.enumerated() {
            let upper = index + 1 < points.count ? SQLValue.text(points[index + 1].serialized) : .null
            try database.execute(
                "INSERT INTO batchrun_chunks (step_id, lower_bound, upper_bound, estimate, updated_at)"
                    + " VALUES (?, ?, ?, ?, \(clock))",
                [.text(step.id), .text(lower.serialized), upper, SQLValue(estimate)])
        }
        var first = chunk
        first.upperBound = points[0]
        first.estimate = estimate
        return first
    }

    /// Splits the largest of `live` (chunks other workers walk) between its cursor and its end, and claims the far
    /// half: skewed keys never leave a worker idle while another has most of a step left.
    private func split(
        _ live: [Candidate], totals: [String: Int?], in database: any SQLExecutor
    ) throws -> ClaimedChunk? {
        func remaining(_ candidate: Candidate) -> Int {
            candidate.chunk.remaining
                ?? max(0, (totals[candidate.step.id] ?? nil).map { $0 - candidate.chunk.processed } ?? 0)
        }
        guard let largest = live.max(by: { remaining($0) < remaining($1) }), remaining(largest) >= minimumSplit else {
            return nil
        }
        let dialect = database.dialect
        // Waits for the owner's range in flight (bounded by the lock timeout), so the cursor read is committed.
        guard
            let row = try database.firstRow(
                "SELECT \(ChunkStore.columns) FROM batchrun_chunks WHERE id = ? AND done = 0\(dialect.forUpdate)",
                [.integer(largest.chunk.id)])
        else { return nil }
        var owner = largest
        owner.chunk = try ChunkStore.record(row, of: largest.step.id)
        let left = remaining(owner)
        guard left >= minimumSplit,
            let point = try owner.step.splitPoint(
                of: WorkRange(after: owner.chunk.resumePoint, through: owner.chunk.upperBound), remaining: left,
                in: database)
        else { return nil }
        let far = left / 2
        try database.execute(
            "UPDATE batchrun_chunks SET upper_bound = ?, estimate = ? WHERE id = ?",
            [.text(point.serialized), .integer(Int64(owner.chunk.processed + left - far)), .integer(owner.chunk.id)])
        let token = UUID().uuidString
        guard
            let inserted = try database.firstRow(
                """
                INSERT INTO batchrun_chunks (step_id, lower_bound, upper_bound, estimate, range_size, claim_token,
                    claimed_by, claim_expires_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, \(dialect.clockSeconds) + ?, \(dialect.clockText))
                RETURNING \(ChunkStore.columns)
                """,
                [
                    .text(owner.step.id), .text(point.serialized), SQLValue(owner.chunk.upperBound?.serialized),
                    .integer(Int64(far)), SQLValue(owner.chunk.rangeSize), .text(token), .integer(worker.id),
                    .real(context.options.claimTimeToLive.seconds),
                ])
        else { return nil }
        return ClaimedChunk(
            step: owner.step, chunk: try ChunkStore.record(inserted, of: owner.step.id), token: token,
            stepTotal: totals[owner.step.id] ?? nil, origin: .split(from: owner.chunk.id, at: point))
    }
}
