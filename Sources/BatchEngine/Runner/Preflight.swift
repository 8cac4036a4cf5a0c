/// The checks that run before anything is written: checksums against the state, then a rehearsal of every pending
/// step in a schema-only sandbox.
enum Preflight {
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
    /// - Throws: `BatchError` (`.invalidInput`) naming the step, its file and line, and the database's message.
    static func rehearse(_ pending: [any Step], against database: any BatchDatabase) throws {
        guard !pending.isEmpty else { return }
        let sandbox = try database.makeSchemaSandbox()
        try sandbox.write { executor in
            for step in pending {
                do {
                    try step.rehearse(in: executor)
                } catch let error as BatchError {
                    throw error
                } catch {
                    let failure = sandbox.classify(error)
                    throw BatchError(
                        .invalidInput, "step '\(step.id)' does not fit the schema: \(failure.message)",
                        location: step.location(ofStatement: failure.sql), step: step.id, sql: failure.sql)
                }
            }
        }
    }
}
