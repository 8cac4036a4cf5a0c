import Foundation

/// One worker of a run: a thread with its own connection that claims chunks of ready steps and walks them, range by
/// range, each range one transaction with its chunk's cursor and claim, until the queue drains or the run stops.
final class Worker {
    /// The run it belongs to.
    let context: RunContext
    /// Its name within the run: `w1`, `w2`, ...
    let name: String
    /// Its connection; replaced when the connection is lost.
    var connection: any BatchDatabase
    /// Its record in `batchrun_workers`.
    private(set) var record: WorkerRecord
    /// What it did so far.
    var outcome = WorkerOutcome(end: .drained)
    /// When its claims and the lease were last renewed.
    var lastRenewal: ContinuousClock.Instant

    /// Connects and registers the worker; its session then proves it alive. A server that cannot be reached is
    /// tried again for up to the reconnect window, as a lost connection is later.
    init(context: RunContext, name: String) throws {
        self.context = context
        self.name = name
        let (host, pid) = (context.run.host, context.run.pid)
        var id: Int64 = 0
        connection = try Reconnection.open(
            .worker(name), on: context.backend, within: context.options.reconnectWindow,
            stopReason: { context.stopReason }
        ) { connection in
            id = try Self.register(name, run: context.run.id, host: host, pid: pid, on: connection)
        }
        record = WorkerRecord(id: id, runID: context.run.id, name: name, host: host, pid: pid)
        lastRenewal = context.clock.now
        context.addWorker(id)
        context.setConnection(of: name, connection)
    }

    deinit {
        context.setConnection(of: name, nil)
        connection.close()
    }

    /// How events and messages name this worker: `w2`, or nothing when the run has one worker.
    var label: String? { context.workerCount > 1 ? name : nil }

    /// Claims and walks chunks until the queue drains, a step fails or the run must stop.
    func run() -> WorkerOutcome {
        do {
            while true {
                if let reason = context.stopReason { return finish(.stopped(reason)) }
                if let failure = context.failure, !context.options.keepGoing { return finish(.failed(failure)) }
                try waitWhileHeld(claim: nil)
                switch try retrying({
                    try connection.write(claimLimits) { try Claimer(context: context, worker: record).next(in: $0) }
                }) {
                case .claimed(let claim):
                    try walk(claim)
                case .wait:
                    try report(step: nil, chunk: nil, rate: nil, state: "idle")
                    Thread.sleep(forTimeInterval: context.options.idlePoll.seconds)
                case .drained:
                    return finish(.drained)
                case .blocked:
                    return finish(.blocked)
                case .failed(let step, let error):
                    let failure = StepFailure(
                        step: step, message: error ?? "failed in another worker", location: nil, cursor: nil,
                        worker: nil)
                    context.recordFailure(failure)
                    return finish(.failed(failure))
                }
            }
        } catch let error as BatchError where error.status == .workLeft {
            return finish(.stopped(error.message))
        } catch let error as BatchError {
            return finish(.error(error))
        } catch {
            return finish(.error(connection.classify(error).batchError(at: connection.location)))
        }
    }

    /// Limits of the claim and bookkeeping transactions: they never wait long for a lock.
    var claimLimits: TransactionLimits { TransactionLimits(lockTimeout: context.options.lockTimeout) }

    private func finish(_ end: WorkerOutcome.End) -> WorkerOutcome {
        outcome.end = end
        return outcome
    }

    /// Records what the worker does, as `status` shows it.
    func report(step: String?, chunk: Int64?, rate: Double?, state: String) throws {
        try retrying {
            try connection.write(claimLimits) { database in
                try RunStore.report(worker: record.id, step: step, chunk: chunk, rate: rate, state: state, in: database)
            }
        }
    }

    /// Posts a notice from this worker.
    func notice(_ message: String) {
        context.relay.post(.notice(worker: label, message: message))
    }

    private static func register(
        _ name: String, run: Int64, host: String, pid: Int32, on connection: any BatchDatabase
    ) throws -> Int64 {
        try connection.write { database in
            let id = try RunStore.addWorker(named: name, run: run, host: host, pid: pid, in: database)
            try database.hold(Holder(kind: .worker, id: id, host: host, pid: pid))
            return id
        }
    }
}
