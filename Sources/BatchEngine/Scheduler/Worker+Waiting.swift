import Foundation

extension Worker {
    /// How often a waiting worker looks at the control requests and the throttle signals again.
    static let waitPoll: Duration = .milliseconds(50)

    /// Waits, keeping `claim` (if any) and the lease alive, while the queue is paused or a throttle signal holds new
    /// ranges back; the reason shows in the worker's state.
    /// - Throws: `BatchError` (`.workLeft`) when the run must stop meanwhile; the claim is released first.
    func waitWhileHeld(claim: ClaimedChunk?) throws {
        var shown: String?
        var lastRead = context.clock.now
        while true {
            if let reason = context.stopReason {
                if let claim { try giveUp(claim) }
                throw BatchError(.workLeft, reason)
            }
            let reason = context.control.paused ? "paused" : context.throttleReason.map { "throttled: \($0)" }
            guard let reason else {
                if shown != nil {
                    try report(step: claim?.step.id, chunk: claim?.chunk.id, rate: nil, state: "running")
                }
                return
            }
            if shown != reason {
                shown = reason
                try report(step: claim?.step.id, chunk: claim?.chunk.id, rate: nil, state: reason)
            }
            try hold(for: Self.waitPoll, claim: claim)
            if context.clock.now - lastRead >= Self.waitPoll * 4 {
                lastRead = context.clock.now
                let control = try retrying {
                    try connection.read { try ControlStore.read(for: context.run.id, in: $0) }
                }
                context.observe(control)
            }
        }
    }

    /// Sleeps for `duration`, in short slices so a stop is honoured soon, renewing `claim` and the lease whenever a
    /// quarter of their life has passed since the last renewal: a long throttle sleep never lets them lapse.
    func hold(for duration: Duration, claim: ClaimedChunk? = nil) throws {
        let end = context.clock.now + duration
        while context.clock.now < end && context.stopReason == nil {
            if context.clock.now - lastRenewal >= context.options.claimTimeToLive / 4 { try renew(claim) }
            let slice = min(end - context.clock.now, .milliseconds(100))
            if slice > .zero { Thread.sleep(forTimeInterval: slice.seconds) }
        }
    }

    /// Renews `claim` and the lease now.
    private func renew(_ claim: ClaimedChunk?) throws {
        try retrying {
            try connection.write(claimLimits) { database in
                if let claim {
                    try ChunkStore.renew(tokens: [claim.token], ttl: context.options.claimTimeToLive, in: database)
                }
                if let token = context.leaseToken {
                    try LeaseStore.renew(token: token, ttl: context.options.claimTimeToLive, in: database)
                }
                try RunStore.heartbeat(workers: [record.id], in: database)
            }
        }
        lastRenewal = context.clock.now
    }
}
