extension Worker {
    /// A committed range, as the worker learns it.
    struct RangeCommit {
        /// What the step reported.
        var result: RangeResult
        /// The chunk after the range.
        var chunk: ChunkRecord
        /// The whole transaction's time.
        var transaction: Duration
        /// The step's own statements' time, which excludes the commit's sync.
        var work: Duration
        /// Whether the chunk is done.
        var chunkDone: Bool { chunk.isDone }
        /// Whether the step is done: this was its last open chunk.
        var stepDone: Bool
        /// The control requests read with the range.
        var control: ControlState
    }

    /// Runs the next range of the walk; a range cut off by its statement timeout is retried smaller.
    /// - Throws: `RangeFailure` when the step's work fails, `LostClaim` when the claim was taken over,
    ///   `BatchError` when the run must stop.
    func runRange(of walk: inout ChunkWalk) throws -> RangeCommit {
        while true {
            let limit = walk.sizer.size
            let current = walk
            do {
                let commit = try retrying {
                    current.claim.step.isTransactional
                        ? try rangeTransaction(current, limit: limit) : try autocommitRange(current, limit: limit)
                }
                walk.record(commit.result, limit: limit, work: commit.work, chunk: commit.chunk)
                lastRenewal = context.clock.now
                return commit
            } catch let error where error.isSettled {
                throw error
            } catch {
                let failure = connection.classify(error)
                switch failure.kind {
                case .statementTimeout where walk.claim.step.isBatched:
                    guard walk.sizer.halve() else { throw RangeFailure(error: error, step: walk.claim.step) }
                    notice(
                        "a range of \(limit) ran past the statement timeout of"
                            + " \(ContentionRetry.show(context.options.statementTimeout)); retrying it with \(walk.sizer.size)"
                    )
                case .permanent, .statementTimeout:
                    throw RangeFailure(error: error, step: walk.claim.step)
                default:
                    throw failure.batchError(at: connection.location)
                }
            }
        }
    }

    /// One range in one transaction: the claim's fence, the step's work, the chunk's new cursor, and for the last
    /// chunk the step's done-mark, all committed together or not at all.
    private func rangeTransaction(_ walk: ChunkWalk, limit: Int) throws -> RangeCommit {
        let start = context.clock.now
        let step = walk.claim.step
        let limits = TransactionLimits(
            lockTimeout: context.options.lockTimeout,
            statementTimeout: step.isBatched ? context.options.statementTimeout : nil)
        var commit = try connection.write(limits) { database in
            let chunk = try fence(walk, in: database)
            let workStart = context.clock.now
            let result = try work(step, WorkRange(after: chunk.resumePoint, through: chunk.upperBound), limit, database)
            return try record(
                result, of: chunk, of: step, limit: limit, work: context.clock.now - workStart, in: database)
        }
        commit.transaction = context.clock.now - start
        return commit
    }

    /// One range of a step whose statements run outside a transaction (`-- transaction: none`): the claim is fenced
    /// before, the statements run and commit on their own, and the done-mark commits after them. A crash between the
    /// two repeats the statements: such a step runs at least once.
    private func autocommitRange(_ walk: ChunkWalk, limit: Int) throws -> RangeCommit {
        let start = context.clock.now
        let step = walk.claim.step
        let chunk = try connection.write(claimLimits) { try fence(walk, in: $0) }
        let range = WorkRange(after: chunk.resumePoint, through: chunk.upperBound)
        let result = try connection.autocommit(TransactionLimits(lockTimeout: context.options.lockTimeout)) {
            try work(step, range, limit, $0)
        }
        let elapsed = context.clock.now - start
        var commit = try connection.write(claimLimits) { database in
            let chunk = try fence(
                walk, in: database,
                lostBecause: "its statements ran, but another worker took the step over meanwhile and will run them"
                    + " again (a step with `transaction: none` runs at least once)")
            return try record(result, of: chunk, of: step, limit: limit, work: elapsed, in: database)
        }
        commit.transaction = context.clock.now - start
        return commit
    }

    /// Proves the claim (and an exclusive run's lease) and extends it, locking the chunk until commit; the first
    /// range of a walk also marks the step running.
    /// - Throws: `LostClaim` saying `reason` when the claim was taken over.
    private func fence(
        _ walk: ChunkWalk, in database: any SQLExecutor,
        lostBecause reason: String = "its claim expired or its session ended, and another worker took it over"
    ) throws -> ChunkRecord {
        try stateWork {
            let step = walk.claim.step
            guard
                let chunk = try ChunkStore.fence(
                    walk.claim.chunk.id, token: walk.claim.token, ttl: context.options.claimTimeToLive, step: step.id,
                    in: database)
            else { throw LostClaim(what: "chunk \(walk.claim.chunk.id) of \(step.id)", reason: reason) }
            if let token = context.leaseToken {
                try LeaseStore.renew(token: token, ttl: context.options.claimTimeToLive, in: database)
            }
            if walk.isFirstRange, try StepStore.markRunning(step.id, total: walk.claim.stepTotal, in: database) {
                try EventLog.append(
                    "step-started", "\(step.id) started", step: step.id, worker: record.label, run: context.run.id,
                    in: database)
            }
            return chunk
        }
    }

    /// Records a range's result in its chunk, with the control requests read in the same transaction.
    private func record(
        _ result: RangeResult, of chunk: ChunkRecord, of step: any Step, limit: Int, work: Duration,
        in database: any SQLExecutor
    ) throws -> RangeCommit {
        try stateWork {
            let (advanced, stepDone) = try advance(chunk, of: step, by: result, limit: limit, in: database)
            return RangeCommit(
                result: result, chunk: advanced, transaction: .zero, work: work, stepDone: stepDone,
                control: try ControlStore.read(for: context.run.id, in: database))
        }
    }

    /// Runs the engine's own state work of a range. A permanent error there (a damaged state table) is the state's,
    /// not the step's: it stops the run with work left instead of failing the step; a transient one is retried.
    private func stateWork<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error where !error.isSettled {
            let failure = connection.classify(error)
            guard failure.kind == .permanent else { throw error }
            throw BatchError(.invalidInput, "the state tables: \(failure.message)", sql: failure.sql)
        }
    }

    /// The step's own work; an error it raises fails the step.
    private func work(
        _ step: any Step, _ range: WorkRange, _ limit: Int, _ database: any SQLExecutor
    ) throws -> RangeResult {
        do {
            return try step.run(range, limit: limit, in: database)
        } catch let error as BatchError {
            throw RangeFailure(error: error, step: step)
        }
    }

    /// Records the range in the chunk; the step is done when this was its last open chunk.
    private func advance(
        _ chunk: ChunkRecord, of step: any Step, by result: RangeResult, limit: Int, in database: any SQLExecutor
    ) throws -> (ChunkRecord, Bool) {
        var advanced = chunk
        advanced.cursor = result.next
        advanced.processed = chunk.processed.addingSaturating(result.processed)
        advanced.isDone = result.isDone
        advanced.rangeSize = limit
        try ChunkStore.advance(
            chunk.id, to: advanced.cursor, processed: advanced.processed, done: advanced.isDone, rangeSize: limit,
            in: database)
        guard result.isDone, try StepStore.finishIfComplete(step.id, in: database) else { return (advanced, false) }
        try EventLog.append(
            "step-done", "\(step.id) done", step: step.id, worker: record.label, run: context.run.id, in: database)
        return (advanced, true)
    }
}
