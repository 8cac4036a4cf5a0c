/// The queue as a user sees it: every planned step in run order with its stored record, read without writing.
public struct QueueStatus: Sendable {
    /// One planned step and where it stands.
    public struct Entry: Sendable {
        /// The step.
        public var step: any Step
        /// Its stored record; `nil` when it was never seen.
        public var record: StepRecord?

        /// The stored status, `pending` for a step never seen.
        public var status: StepRecord.Status { record?.status ?? .pending }
    }

    /// The planned steps, in run order.
    public var entries: [Entry]
    /// Records of steps that no longer have a definition.
    public var orphans: [StepRecord]
    /// Everything else the state holds.
    public var state: StateSnapshot

    /// Plans `steps` and reads their state through a connection of its own that writes nothing, so it works on a
    /// read-only standby too.
    /// - Throws: `BatchError` for an invalid plan, an unreachable database or unreadable state.
    public static func read(from backend: any BatchBackend, steps: [any Step]) throws -> QueueStatus {
        let database = try backend.connect(.observer)
        defer { database.close() }
        return try read(from: database, steps: steps)
    }

    /// Plans `steps` and reads their state from `database`, without writing.
    /// - Throws: `BatchError` for an invalid plan or unreadable state.
    public static func read(from database: any BatchDatabase, steps: [any Step]) throws -> QueueStatus {
        let plan = try Plan(steps)
        let state = try database.reportingFailures { try database.read { try StateStore.snapshot(in: $0) } }
        let planned = Set(plan.steps.map(\.id))
        return QueueStatus(
            entries: plan.steps.map { Entry(step: $0, record: state.steps[$0.id]) },
            orphans: state.steps.values.filter { !planned.contains($0.id) }.sorted { $0.id < $1.id },
            state: state)
    }

    /// The entries not done yet.
    public var pending: [Entry] { entries.filter { $0.status != .done } }
}
