import Foundation
import Synchronization

/// The run's own thread beside its workers, on the coordinator connection: it keeps the workers' heartbeats and
/// claims alive where several writers share the queue (so a step whose statements run outside a transaction keeps
/// its claim while they run), and checks the throttle signals at their intervals.
final class Monitor: Sendable {
    private let context: RunContext
    /// The coordinator connection, which belongs to the monitor while it runs.
    private let connection: any BatchDatabase
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// How often the monitor wakes.
    static let tick: Duration = .milliseconds(100)

    /// A monitor for `context`, on the run's coordinator connection.
    init(context: RunContext, connection: any BatchDatabase) {
        self.context = context
        self.connection = connection
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
            try connection.write(TransactionLimits(lockTimeout: context.options.lockTimeout)) { database in
                try ChunkStore.renew(tokens: tokens, ttl: ttl, in: database)
                try RunStore.heartbeat(workers: workers, in: database)
                if let token = context.leaseToken { try LeaseStore.renew(token: token, ttl: ttl, in: database) }
            }
        } catch {
            context.relay.post(.notice(worker: nil, message: "could not renew this run's claims: \(describe(error))"))
        }
    }

    /// What `signal` says now; a signal that cannot be read holds ranges back, saying why.
    private func check(_ signal: any ThrottleSignal) -> String? {
        do {
            return try signal.check(on: connection)
        } catch {
            return "cannot read a throttle signal: \(describe(error))"
        }
    }

    private func describe(_ error: any Error) -> String {
        (error as? BatchError)?.message ?? connection.classify(error).message
    }
}
