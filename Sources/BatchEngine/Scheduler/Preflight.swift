import Dispatch

/// The checks that run before anything is written: checksums against the state, then a rehearsal of every pending
/// step in a schema-only sandbox.
enum Preflight {
    /// Checks, without writing, that `plan` can run: the state, the checksums, and a rehearsal of the pending steps.
    /// - Returns: whether there is anything to write: a pending step or a checksum to update.
    static func check(_ plan: Plan, accepting accepted: Set<String>, on database: any BatchDatabase) throws -> Bool {
        let state = try database.reportingFailures { try database.read { try StateStore.snapshot(in: $0) } }
        let updates = try checksumUpdates(plan: plan, state: state, accepted: accepted)
        let pending = plan.steps.filter { state.steps[$0.id]?.status != .done }
        try database.reportingFailures { try rehearse(pending, against: database) }
        return !pending.isEmpty || !updates.isEmpty
    }

    /// Steps whose stored checksum must be brought up to date.
    ///
    /// A step that has not started may change freely. A started or finished step whose definition changed is
    /// refused unless its id is in `accepted`.
    static func checksumUpdates(plan: Plan, state: StateSnapshot, accepted: Set<String>) throws -> [any Step] {
        var updates: [any Step] = []
        for step in plan.steps {
            guard let record = state.steps[step.id], record.checksum != step.checksum else { continue }
            if record.hasStarted && !accepted.contains(step.id) {
                throw BatchError(
                    .invalidInput,
                    "step '\(step.id)' has \(record.status == .done ? "finished" : "started") but its definition"
                        + " changed since (checksum \(record.checksum) -> \(step.checksum)); restore it, or accept"
                        + " the change with --accept-changed \(step.id)",
                    location: step.origin, step: step.id)
            }
            updates.append(step)
        }
        return updates
    }

    /// Rehearses `pending` in order in a sandbox with the database's schema and no rows.
    ///
    /// On empty tables a step is cheap to rehearse, unless it makes its own rows (a recursive CTE, say): a step
    /// still running after `budget` is interrupted, and the steps after it are left to be checked when they run,
    /// as the sandbox's schema may lack what that step would have created.
    /// - Throws: `BatchError` (`.invalidInput`) naming the step, its file and line, and the database's message.
    static func rehearse(
        _ pending: [any Step], against database: any BatchDatabase, budget: Duration = .seconds(1)
    ) throws {
        guard !pending.isEmpty else { return }
        let sandbox = try database.makeSchemaSandbox(for: pending)
        defer { sandbox.close() }
        do {
            try sandbox.write { executor in
                for step in pending {
                    let alarm = DispatchWorkItem { sandbox.interrupt() }
                    DispatchQueue.global().asyncAfter(deadline: .now() + budget.seconds, execute: alarm)
                    defer { alarm.cancel() }
                    do {
                        try step.rehearse(in: executor)
                    } catch let error as BatchError {
                        throw error
                    } catch {
                        let failure = sandbox.classify(error)
                        if failure.kind == .interrupted { throw RehearsalCutShort() }
                        throw BatchError(
                            .invalidInput, "step '\(step.id)' does not fit the schema: \(failure.message)",
                            location: step.location(ofStatement: failure.sql), step: step.id, sql: failure.sql)
                    }
                }
            }
        } catch is RehearsalCutShort {
            return
        }
    }

    /// A step's rehearsal ran past its budget; what follows is checked when it runs.
    private struct RehearsalCutShort: Error {}
}
