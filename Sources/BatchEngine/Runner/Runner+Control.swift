import Foundation

extension Runner {
    /// Acts on the control requests read with the last range: a stop ends the run, a pause waits here, holding the
    /// lease, until a resume.
    func honour(_ requested: ControlState, runID: Int64, onEvent: (RunEvent) -> Void) throws {
        var requested = requested
        while true {
            if requested != control {
                control = requested
                onEvent(.controlChanged(requested))
            }
            if let reason = requested.stopReason { throw BatchError(.workLeft, "stopped: \(reason)") }
            if let reason = stopReason() { throw BatchError(.workLeft, reason) }
            guard requested.paused else { return }
            Thread.sleep(forTimeInterval: Self.pausePoll.seconds)
            requested = try guarded { try readControl(runID: runID) }
        }
    }

    /// Reads the control requests; renews the lease too when a quarter of its life has passed since the last renewal.
    private func readControl(runID: Int64) throws -> ControlState {
        let renewalDue = clock.now - lastRenewal >= options.leaseTimeToLive / 4
        guard renewalDue else { return try database.read { try StateStore.control(run: runID, in: $0) } }
        defer { lastRenewal = clock.now }
        return try database.write { database in
            try lease.renew(in: database)
            return try StateStore.control(run: runID, in: database)
        }
    }

    /// How often a paused runner looks for a resume.
    static let pausePoll: Duration = .milliseconds(50)
}
