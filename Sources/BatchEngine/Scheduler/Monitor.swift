import Foundation
import Synchronization

/// The run's own thread beside its workers, on the coordinator connection: it keeps the workers' heartbeats and
/// claims alive where several writers share the queue (so a step whose statements run outside a transaction keeps
/// its claim while they run), and checks the throttle signals at their intervals.
final class Monitor: Sendable {
    private let context: RunContext
    /// The run's connection, which belongs to the monitor while it runs.
    private let coordinator: Coordinator
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// How often the monitor wakes.
    static let tick: Duration = .milliseconds(100)

    /// A monitor for `context`, on the run's connection.
    init(context: RunContext, coordinator: Coordinator) {
        self.context = context
        self.coordinator = coordinator
    }

    /// Whether the run needs a monitor at all.
    static func isNeeded(for context: RunContext) -> Bool {
        context.backend.allowsConcurrentWriters || !context.options.throttleSignals.isEmpty
    }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in
            watch()
            finished.signal()
        }
        thread.name = "batchrun monitor"
        thread.start()
    }

    /// Stops the thread and waits for it; the coordinator connection is then free again.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        finished.wait()
    }

    private func watch() {
        let clock = context.clock
        var lastBeat = clock.now
        var due = context.options.throttleSignals.map { _ in clock.now }
        var reasons: [String?] = context.options.throttleSignals.map { _ in nil }
        while !stopped.load(ordering: .relaxed) {
            if context.backend.allowsConcurrentWriters && clock.now - lastBeat >= context.options.claimTimeToLive / 4 {
                lastBeat = clock.now
                beat()
            }
            for (index, signal) in context.options.throttleSignals.enumerated() where clock.now >= due[index] {
                due[index] = clock.now + signal.interval
                reasons[index] = check(signal)
            }
            context.setThrottleReason(reasons.compactMap { $0 }.first)
            Thread.sleep(forTimeInterval: Self.tick.seconds)
        }
    }

    /// Renews this process's claims and heartbeats, and an exclusive run's lease.
    private func beat() {
        let (tokens, workers, ttl) = (context.claimTokens, context.workerIDs, context.options.claimTimeToLive)
        do {
            try use { connection in
                try connection.write(TransactionLimits(lockTimeout: context.options.lockTimeout)) { database in
                    try ChunkStore.renew(tokens: tokens, ttl: ttl, in: database)
                    try RunStore.heartbeat(workers: workers, in: database)
                    if let token = context.leaseToken { try LeaseStore.renew(token: token, ttl: ttl, in: database) }
                }
            }
        } catch {
            context.relay.post(.notice(worker: nil, message: "could not renew this run's claims: \(describe(error))"))
        }
    }

    /// What `signal` says now; a signal that cannot be read holds ranges back, saying why.
    private func check(_ signal: any ThrottleSignal) -> String? {
        do {
            return try use { try signal.check(on: $0) }
        } catch {
            return "cannot read a throttle signal: \(describe(error))"
        }
    }

    /// Runs `body` on the run's connection, reconnecting it when it was lost.
    private func use<T>(_ body: (any BatchDatabase) throws -> T) throws -> T {
        try coordinator.use(
            stopReason: { [context] in context.stopReason },
            notice: { [context] in context.relay.post(.notice(worker: nil, message: $0)) }, body)
    }

    private func describe(_ error: any Error) -> String {
        (error as? BatchError)?.message ?? coordinator.database.classify(error).message
    }
}
