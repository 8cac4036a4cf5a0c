import BatchEngine

/// The `status --json` document.
enum StatusJSON {
    static func object(for status: QueueStatus, database: String) -> JSONValue {
        let lease: JSONValue =
            status.state.lease.map {
                .object([
                    ("host", .string($0.host)), ("pid", .integer(Int($0.pid))),
                    ("heartbeat_at", .string($0.heartbeatAt)),
                ])
            } ?? .null
        let lastRun: JSONValue =
            status.state.lastRun.map {
                .object([
                    ("id", .integer(Int($0.id))), ("host", .string($0.host)), ("pid", .integer(Int($0.pid))),
                    ("started_at", .string($0.startedAt)), ("finished_at", .string($0.finishedAt)),
                    ("outcome", .string($0.outcome)), ("processed", .integer($0.processed)),
                ])
            } ?? .null
        return .object([
            ("database", .string(database)), ("state_version", .integer(status.state.schemaVersion)),
            ("lease", lease), ("steps", .array(status.entries.map(step))),
            ("orphans", .array(status.orphans.map { .string($0.id) })), ("last_run", lastRun),
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
        ])
    }
}
