import Foundation
import Synchronization

/// Drives the queue: checks it, registers a run, starts its workers, which claim chunks of ready steps and walk them
/// range by range until the queue is drained, a step fails, the time limit passes or a stop is requested; then
/// closes the run.
///
/// Each range runs in one transaction together with its chunk's new cursor and the claim's renewal, so a crash at
/// any instant leaves either all of them or none. A second process's run on the same PostgreSQL queue joins as more
/// workers; SQLite runs, and runs with `exclusive`, hold the queue's lease instead.
public final class Runner: Sendable {
    /// Where the steps' tables and the state live.
    public let backend: any BatchBackend
    /// The steps, in any order; the plan orders them.
    public let steps: [any Step]
    /// Pacing, limits and sharing.
    public let options: RunnerOptions
    /// Set it to stop after the current ranges.
    public let stop: StopSignal
    private let context = Mutex<RunContext?>(nil)

    /// Creates a runner; nothing is read or written until `run(onEvent:)`.
    public init(
        backend: any BatchBackend, steps: [any Step], options: RunnerOptions = RunnerOptions(),
        stop: StopSignal = StopSignal()
    ) {
        self.backend = backend
        self.steps = steps
        self.options = options
        self.stop = stop
    }

    /// Runs until the queue is drained or the run must stop, reporting on the calling thread as it goes.
    ///
    /// A drained queue costs one read and no write. Before the first write, the plan, the checksums and a rehearsal
    /// of the pending steps are checked, and the throttle signals are tried.
    /// - Returns: the summary; its `status` is the process exit status.
    /// - Throws: `BatchError` for invalid input or options (nothing written), a queue held by an exclusive runner, or a
    ///   database that cannot be reached (`.workLeft`).
    public func run(onEvent: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let plan = try Plan(steps)
        let workers = try workerCount()
        let coordinator = try Coordinator(backend: backend, options: options)
        defer { coordinator.close() }
        guard try Preflight.check(plan, accepting: options.acceptChanged, on: coordinator.database) else {
            let summary = RunSummary(
                status: .drained, message: "nothing to do: \(RunConclusion.allDone(plan.steps.count))", processed: 0,
                stepsFinished: 0, stepsLeft: 0, ranges: RangeStats(), elapsed: clock.now - started)
            onEvent(.runFinished(summary))
            return summary
        }
        for signal in options.throttleSignals { try signal.validate(on: coordinator.database) }
        let beginning = try coordinator.database.reportingFailures {
            try coordinator.use(stopReason: { stop.requested }, notice: { onEvent(.notice(worker: nil, message: $0)) })
            {
                try $0.write(TransactionLimits(lockTimeout: options.lockTimeout)) {
                    try RunBeginning(
                        plan: plan, options: options, workers: workers,
                        exclusive: options.exclusive || !backend.allowsConcurrentWriters, in: $0)
                }
            }
        }
        coordinator.holds(beginning.run.holder)
        onEvent(.runStarted(beginning.start))
        if let takeover = beginning.takeover { onEvent(.notice(worker: nil, message: takeover)) }
        let relay = EventRelay(workers: workers)
        let context = RunContext(
            backend: backend, plan: plan, options: options, run: beginning.run, leaseToken: beginning.leaseToken,
            workerCount: workers, stop: stop, relay: relay, deadline: options.maxTime.map { started + $0 })
        self.context.withLock { $0 = context }
        let outcomes = start(workers, in: context)
        let monitor = Monitor.isNeeded(for: context) ? Monitor(context: context, coordinator: coordinator) : nil
        monitor?.start()
        relay.deliver(to: onEvent)
        monitor?.stop()
        let summary = RunConclusion(
            outcomes: outcomes.all, context: context, on: coordinator, elapsed: clock.now - started
        ).summary
        RunConclusion.close(context, summary: summary, on: coordinator)
        onEvent(.runFinished(summary))
        return summary
    }

    /// Interrupts the statements the run's workers are running now, from any thread: their ranges roll back.
    public func interrupt() {
        context.withLock { $0 }?.interruptAll()
    }

    /// Checks, without writing, that the queue can run: the plan, the state, the checksums, and a rehearsal of the
    /// pending steps against the current schema.
    /// - Returns: whether there is anything to write: a pending step or a checksum to update.
    /// - Throws: `BatchError` naming the file, line and step of the first problem.
    @discardableResult
    public func check() throws -> Bool {
        let database = try backend.connect(.observer)
        defer { database.close() }
        return try Preflight.check(Plan(steps), accepting: options.acceptChanged, on: database)
    }

    /// The workers this process runs: the option, else one where the database takes one writer and the number of
    /// cores where it takes many.
    private func workerCount() throws -> Int {
        guard let workers = options.workers else {
            return backend.allowsConcurrentWriters ? ProcessInfo.processInfo.activeProcessorCount : 1
        }
        guard workers >= 1 else { throw BatchError(.usage, "--workers must be at least 1") }
        guard workers == 1 || backend.allowsConcurrentWriters else {
            throw BatchError(
                .usage,
                "--workers \(workers): \(backend.location) is a SQLite database, which takes one writer at a time,"
                    + " so a run there has one worker; use PostgreSQL to share a queue between workers")
        }
        return workers
    }

    /// Starts one thread per worker; each records its outcome when it ends.
    private func start(_ count: Int, in context: RunContext) -> WorkerOutcomes {
        let outcomes = WorkerOutcomes()
        for index in 1...count {
            let thread = Thread {
                let outcome: WorkerOutcome
                do {
                    outcome = try Worker(context: context, name: "w\(index)").run()
                } catch let error as BatchError {
                    outcome = WorkerOutcome(end: error.status == .workLeft ? .stopped(error.message) : .error(error))
                } catch {
                    outcome = WorkerOutcome(end: .error(BatchError(.invalidInput, "\(error)")))
                }
                outcomes.add(outcome)
                context.relay.workerEnded()
            }
            thread.name = "batchrun worker w\(index)"
            thread.start()
        }
        return outcomes
    }
}

/// The outcomes of a run's workers, recorded from their threads.
private final class WorkerOutcomes: Sendable {
    private let outcomes = Mutex<[WorkerOutcome]>([])

    /// Records one worker's outcome.
    func add(_ outcome: WorkerOutcome) {
        outcomes.withLock { $0.append(outcome) }
    }

    /// Every outcome recorded so far.
    var all: [WorkerOutcome] { outcomes.withLock { $0 } }
}
