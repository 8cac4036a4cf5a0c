import ArgumentParser
import BatchCLI
import BatchEngine
import BatchPostgres
import BatchSQLite
import Foundation

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply every pending update step, resuming each at its cursors, until the queue is drained.",
        discussion: """
            On PostgreSQL, workers share the queue: a second apply joins as more workers unless --exclusive. \
            Exit codes: 0 drained, 1 a step failed, 64 usage, 65 invalid input, 75 stopped with work left.
            """
    )

    @OptionGroup var workspace: Workspace

    @Option(help: "Workers in this process (PostgreSQL; default: the number of cores). SQLite runs one.")
    var workers: Int?

    @Flag(help: "Be the queue's only runner: other applies exit 75 while this one runs.")
    var exclusive = false

    @Flag(help: "After a step fails, go on with every step that does not depend on it; exit 1 at the end.")
    var keepGoing = false

    @Option(help: "How long one tick runs ranges before reporting progress.")
    var budget: Duration = .seconds(1)

    @Option(help: "How long one range's statements aim to take; range sizes adapt toward it.")
    var rangeTime: Duration = .milliseconds(50)

    @Option(help: "Use ranges of exactly this many rows instead of adapting them to --range-time.")
    var rangeSize: Int?

    @Option(help: "Stop gracefully, with work left (exit 75), after this long, e.g. 10m.")
    var maxTime: Duration?

    @Option(help: "Sleep this fraction of each range's duration after it (0.5 = half), to leave room for others.")
    var throttle: Double = 0

    @Option(help: "How long a claim or the lease lives without a renewal before another worker may take it over.")
    var leaseTtl: Duration = .seconds(60)

    @Option(help: "PostgreSQL: how long a statement may wait for a lock before its transaction is retried later.")
    var lockTimeout: Duration = .milliseconds(250)

    @Option(help: "PostgreSQL: pause new ranges while a streaming replica lags more than this, e.g. 1s.")
    var maxReplicaLag: Duration?

    @Option(help: "PostgreSQL: a replica to read the lag from (repeatable; default: pg_stat_replication).")
    var replica: [String] = []

    @Option(help: "Pause new ranges while this query answers true or non-zero (checked about once a second).")
    var throttleQuery: String?

    @Option(
        help: ArgumentHelp(
            "SQLite: the gap left after a range while other writers are seen, longer after a long range (default:"
                + " 30ms; 0ms turns it off)."))
    var writerGap: Duration?

    @Option(help: "How long a worker that lost its connection keeps reconnecting before the run stops (exit 75).")
    var reconnectTimeout: Duration = .seconds(60)

    @Option(help: "Accept the changed definition of a started or finished step (repeatable).")
    var acceptChanged: [String] = []

    @Option(help: "Without a terminal, how often a progress line is written, e.g. 30s.")
    var progressEvery: Duration = .seconds(5)

    @Flag(help: "Write one JSON event per line instead of progress text.")
    var json = false

    func validate() throws {
        guard (0...100).contains(throttle) else { throw ValidationError("--throttle must be between 0 and 100") }
        guard (rangeSize ?? 1) >= 1 else { throw ValidationError("--range-size must be at least 1") }
        guard (workers ?? 1) >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard rangeTime > .zero, budget > .zero, leaseTtl > .zero, lockTimeout > .zero else {
            throw ValidationError("--range-time, --budget, --lease-ttl and --lock-timeout must be positive")
        }
        guard replica.isEmpty || maxReplicaLag != nil else {
            throw ValidationError("--replica needs --max-replica-lag")
        }
    }

    func run() throws {
        let reporter = ProgressReporter(
            mode: json ? .json : isatty(STDOUT_FILENO) == 1 ? .live : .plain, plainInterval: progressEvery)
        try reportingErrors {
            do {
                let steps = try workspace.steps()
                let backend = try self.backend()
                let stop = StopSignal()
                let runner = Runner(backend: backend, steps: steps, options: try options(for: backend), stop: stop)
                let trap = SignalTrap(stop: stop, interrupt: runner.interrupt)
                defer { withExtendedLifetime(trap) {} }
                let summary = try runner.run(onEvent: reporter.show)
                if summary.status != .drained { printError(summary.message) }
                return summary.status
            } catch {
                let error = BatchError(reporting: error)
                reporter.show(error)
                throw error
            }
        }
    }

    /// The backend, refusing options that belong to the other one.
    private func backend() throws -> any BatchBackend {
        let postgres = try workspace.database.isPostgres()
        if !postgres, maxReplicaLag != nil {
            throw BatchError(
                .usage,
                "--max-replica-lag needs a PostgreSQL database; \(try workspace.database.target()) is a SQLite file")
        }
        if postgres, writerGap != nil {
            throw BatchError(.usage, "--writer-gap is for SQLite; PostgreSQL's row locks let other writers in")
        }
        var courtesy = WriterCourtesy()
        courtesy.busyGap = writerGap ?? courtesy.busyGap
        return try workspace.database.backend(
            claimTimeToLive: leaseTtl, watchesCommits: maxReplicaLag != nil, courtesy: courtesy)
    }

    private func options(for backend: any BatchBackend) throws -> RunnerOptions {
        var options = RunnerOptions()
        options.workers = workers
        options.exclusive = exclusive
        options.keepGoing = keepGoing
        options.budget = budget
        options.rangeTarget = rangeTime
        if let rangeSize {
            options.initialRangeSize = rangeSize
            options.rangeSizeBounds = rangeSize...rangeSize
        }
        options.maxTime = maxTime
        options.throttle = throttle
        options.claimTimeToLive = leaseTtl
        options.lockTimeout = lockTimeout
        options.reconnectWindow = reconnectTimeout
        options.acceptChanged = Set(acceptChanged)
        if let maxReplicaLag, let postgres = backend as? PostgresBackend {
            options.throttleSignals.append(postgres.replicaLag(maximum: maxReplicaLag, replicas: replica))
        }
        if let throttleQuery { options.throttleSignals.append(ThrottleQuery(sql: throttleQuery)) }
        return options
    }
}
