/// A worker of a run, as stored in `batchrun_workers`: where it runs, what it holds, and its last heartbeat.
public struct WorkerRecord: Sendable, Equatable {
    /// Its id.
    public var id: Int64
    /// The run it belongs to.
    public var runID: Int64
    /// Its name within the run: `w1`, `w2`, ...
    public var name: String
    /// The host its process runs on.
    public var host: String
    /// Its process id.
    public var pid: Int32
    /// When it last proved it is alive (ISO 8601).
    public var heartbeatAt: String?
    /// The step it works on, if any.
    public var step: String?
    /// The chunk it works on, if any.
    public var chunk: Int64?
    /// Its rate over the last tick, units per second.
    public var rate: Double?
    /// What it does: `running`, `idle`, `paused`, or why it is throttled.
    public var state: String?
    /// When it stopped (ISO 8601); `nil` while it runs.
    public var stoppedAt: String?

    /// The holder of its claims.
    public var holder: Holder { Holder(kind: .worker, id: id, host: host, pid: pid) }

    /// `host pid N wK`, as messages name a worker.
    public var label: String { "\(host) pid \(pid) \(name)" }
}
