import Synchronization

/// What the workers of one run in this process share: the run's identity, plan and options, and what they tell each
/// other while they work (a failure that halts the run, the control requests and throttle signals in force, the
/// claims the monitor keeps alive).
final class RunContext: Sendable {
    /// Where the queue lives.
    let backend: any BatchBackend
    /// The steps in plan order.
    let plan: Plan
    /// Pacing and limits.
    let options: RunnerOptions
    /// The run, as recorded.
    let run: RunRecord
    /// The lease token of an exclusive run, checked by every range.
    let leaseToken: String?
    /// How many workers this process runs.
    let workerCount: Int
    /// Set to stop after the current ranges.
    let stop: StopSignal
    /// Where workers post events.
    let relay: EventRelay
    /// The clock ticks and deadlines are measured on.
    let clock = ContinuousClock()
    /// When the run must stop with work left.
    let deadline: ContinuousClock.Instant?
    private let shared = Mutex(Shared())

    /// What the workers tell each other.
    private struct Shared {
        var failure: StepFailure?
        var control = ControlState()
        var throttleReason: String?
        var claims: [Int64: String] = [:]
        var workerIDs: Set<Int64> = []
        var connections: [String: any BatchDatabase] = [:]
    }

    /// Creates the context of a run that has begun.
    init(
        backend: any BatchBackend, plan: Plan, options: RunnerOptions, run: RunRecord, leaseToken: String?,
        workerCount: Int, stop: StopSignal, relay: EventRelay, deadline: ContinuousClock.Instant?
    ) {
        self.backend = backend
        self.plan = plan
        self.options = options
        self.run = run
        self.leaseToken = leaseToken
        self.workerCount = workerCount
        self.stop = stop
        self.relay = relay
        self.deadline = deadline
    }

    /// Why every worker should stop now, if it should: a signal, the time limit or a stop request.
    var stopReason: String? {
        if let reason = stop.requested { return reason }
        if let deadline, clock.now >= deadline { return "max time reached" }
        return shared.withLock { $0.control.stopReason.map { "stopped: \($0)" } }
    }

    /// The failure that halts the run (unless `--keep-going`): nothing new is claimed once it is set.
    var failure: StepFailure? { shared.withLock { $0.failure } }

    /// Records a step's failure; the first one is kept.
    func recordFailure(_ failure: StepFailure) {
        shared.withLock { if $0.failure == nil { $0.failure = failure } }
    }

    /// The control requests last read from the queue.
    var control: ControlState { shared.withLock { $0.control } }

    /// Takes in control requests read by a worker; the first worker to see a change reports it.
    func observe(_ control: ControlState) {
        let changed = shared.withLock { shared in
            defer { shared.control = control }
            return shared.control != control
        }
        if changed { relay.post(.controlChanged(control)) }
    }

    /// Why ranges must wait for a throttle signal now, if they must.
    var throttleReason: String? { shared.withLock { $0.throttleReason } }

    /// Records what the throttle signals say now.
    func setThrottleReason(_ reason: String?) {
        let changed = shared.withLock { shared in
            defer { shared.throttleReason = reason }
            return shared.throttleReason != reason
        }
        if changed { relay.post(.throttled(worker: nil, reason: reason)) }
    }

    /// The throttle fraction in force: the last request, else the run's own option.
    var throttle: Double { control.throttle ?? options.throttle }

    /// Notes that a worker of this process holds (or, with `nil`, no longer holds) a claim.
    func setClaim(of worker: Int64, token: String?) {
        shared.withLock { $0.claims[worker] = token }
    }

    /// The tokens of every claim this process's workers hold, for the monitor to keep alive.
    var claimTokens: [String] { shared.withLock { Array($0.claims.values) } }

    /// Notes a worker of this process, registered in the state, whose heartbeat the monitor keeps.
    func addWorker(_ id: Int64) {
        shared.withLock { _ = $0.workerIDs.insert(id) }
    }

    /// The workers of this process.
    var workerIDs: [Int64] { shared.withLock { Array($0.workerIDs) } }

    /// Notes the connection a worker uses now, so a second signal can interrupt its statement.
    func setConnection(of worker: String, _ connection: (any BatchDatabase)?) {
        shared.withLock { $0.connections[worker] = connection }
    }

    /// Interrupts every worker's running statement; their ranges roll back.
    func interruptAll() {
        for connection in shared.withLock({ Array($0.connections.values) }) { connection.interrupt() }
    }
}
