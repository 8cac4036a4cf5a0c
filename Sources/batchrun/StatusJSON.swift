import BatchEngine

/// The `status --json` document.
enum StatusJSON {
    static func object(for status: QueueStatus, database: String) -> JSONValue {
        let state = status.state
        let lease: JSONValue =
            state.lease.map {
                .object([
                    ("host", .string($0.host)), ("pid", .integer(Int($0.pid))),
                    ("heartbeat_at", .string($0.heartbeatAt)), ("live", .bool(state.leaseIsLive)),
                ])
            } ?? .null
        return .object([
            ("database", .string(database)), ("state_version", .integer(state.schemaVersion)),
            ("lease", lease), ("steps", .array(status.entries.map(step))),
            ("orphans", .array(status.orphans.map { .string($0.id) })),
            ("active_runs", .array(state.activeRuns.map(run))), ("workers", .array(state.workers.map(worker))),
            ("control", control(state.control)), ("last_run", state.lastRun.map(run) ?? .null),
        ])
    }

    private static func step(_ entry: QueueStatus.Entry) -> JSONValue {
        let record = entry.record
        return .object([
            ("id", .string(entry.step.id)), ("phase", .string(entry.step.phase.rawValue)),
            ("status", .string(entry.status.rawValue)), ("processed", .integer(record?.processed ?? 0)),
            ("total", .integer(record?.total)), ("attempts", .integer(record?.attempts ?? 0)),
            ("cursor", .string(record?.cursor?.serialized)), ("error", .string(record?.error)),
            ("started_at", .string(record?.startedAt)), ("updated_at", .string(record?.updatedAt)),
            ("finished_at", .string(record?.finishedAt)), ("file", .string(entry.step.origin?.file)),
            ("chunks", .array((record?.chunks ?? []).map(chunk))),
        ])
    }

    private static func chunk(_ chunk: ChunkRecord) -> JSONValue {
        .object([
            ("id", .integer(Int(chunk.id))), ("after", .string(chunk.lowerBound?.serialized)),
            ("through", .string(chunk.upperBound?.serialized)), ("cursor", .string(chunk.cursor?.serialized)),
            ("processed", .integer(chunk.processed)), ("estimate", .integer(chunk.estimate)),
            ("done", .bool(chunk.isDone)), ("claimed_by", .integer(chunk.isDone ? nil : chunk.claimedBy.map(Int.init))),
        ])
    }

    private static func worker(_ worker: WorkerRecord) -> JSONValue {
        .object([
            ("id", .integer(Int(worker.id))), ("run", .integer(Int(worker.runID))), ("name", .string(worker.name)),
            ("host", .string(worker.host)), ("pid", .integer(Int(worker.pid))), ("state", .string(worker.state)),
            ("step", .string(worker.step)), ("chunk", .integer(worker.chunk.map(Int.init))),
            ("rows_per_s", .number(worker.rate)), ("heartbeat_at", .string(worker.heartbeatAt)),
        ])
    }

    private static func run(_ run: RunRecord) -> JSONValue {
        .object([
            ("id", .integer(Int(run.id))), ("host", .string(run.host)), ("pid", .integer(Int(run.pid))),
            ("workers", .integer(run.workers)), ("started_at", .string(run.startedAt)),
            ("finished_at", .string(run.finishedAt)), ("outcome", .string(run.outcome)),
            ("processed", .integer(run.processed)),
        ])
    }

    private static func control(_ control: ControlState) -> JSONValue {
        .object([
            ("paused", .bool(control.paused)), ("throttle", .number(control.throttle)),
            ("stop", .string(control.stopReason)),
        ])
    }
}
