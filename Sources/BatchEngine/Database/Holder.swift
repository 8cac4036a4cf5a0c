/// A run or a worker that holds a lease or claims, as the state tables record it.
public struct Holder: Hashable, Sendable {
    /// What kind of holder.
    public enum Kind: Int32, Sendable {
        /// A run, holding the exclusive lease.
        case run = 1
        /// A worker, holding claims on chunks.
        case worker = 2
    }

    /// What kind of holder.
    public var kind: Kind
    /// Its id in `batchrun_runs` or `batchrun_workers`.
    public var id: Int64
    /// The host its process runs on.
    public var host: String
    /// Its process id.
    public var pid: Int32

    /// Creates a holder.
    public init(kind: Kind, id: Int64, host: String, pid: Int32) {
        self.kind = kind
        self.id = id
        self.host = host
        self.pid = pid
    }

    /// `host pid N`, as messages name a holder's process.
    public var process: String { "\(host) pid \(pid)" }
}
