/// The exclusive lease, as stored in `batchrun_lease`: the one runner a SQLite queue (or a PostgreSQL queue run with
/// `--exclusive`) has, and until when.
public struct LeaseRecord: Sendable, Equatable {
    /// The holder's host name.
    public var host: String
    /// The holder's process id.
    public var pid: Int32
    /// The holder's run.
    public var runID: Int64?
    /// A random token only the holder knows; every range checks it.
    public var token: String
    /// When the holder last proved it is alive (ISO 8601).
    public var heartbeatAt: String
    /// Seconds since 1970, on the database's clock, after which the lease may be taken over.
    public var expiresAt: Double

    /// `host pid N`, as messages name a holder.
    public var holder: String { "\(host) pid \(pid)" }

    /// The run that holds it, as a holder whose liveness the database can judge.
    public var runHolder: Holder? {
        runID.map { Holder(kind: .run, id: $0, host: host, pid: pid) }
    }
}
