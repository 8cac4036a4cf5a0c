import BatchEngine
import PostgresClient

/// A queue in a PostgreSQL database, reached through libpq: many workers in many processes on many hosts share it,
/// each range committing with its chunk's cursor on the server.
public struct PostgresBackend: BatchBackend {
    private let settings: PostgresSettings
    private let commits: CommitLog?

    /// A backend for the database `connectionString` names (a `postgres://` or `postgresql://` URI, or a
    /// `key=value` string); libpq reads what it leaves out from the `PG*` variables, `~/.pgpass` and service files.
    /// - Parameters:
    ///   - claimTimeToLive: the run's claim lifetime; a session idle in a transaction longer than this is ended by
    ///     the server, so a partitioned worker's locks go when its claims expire.
    ///   - watchesCommits: whether the run's commits are recorded for a replica lag signal.
    public init(connectionString: String, claimTimeToLive: Duration = .seconds(60), watchesCommits: Bool = false) {
        settings = PostgresSettings(
            connectionString: connectionString, location: PostgresConnectionString.redacted(connectionString),
            idleTransactionTimeout: claimTimeToLive)
        commits = watchesCommits ? CommitLog() : nil
    }

    /// Whether `text` names a PostgreSQL database (a `postgres://` or `postgresql://` URI) rather than a file.
    public static func names(_ text: String) -> Bool {
        PostgresConnectionString.isPostgres(text)
    }

    /// The URL without its password.
    public var location: String { settings.location }

    /// Row locks let many workers write at once.
    public var allowsConcurrentWriters: Bool { true }

    /// Opens a session; workers' sessions record their commits for the replica lag signal.
    public func connect(_ role: ConnectionRole) throws -> any BatchDatabase {
        let recording: CommitLog? = if case .worker = role { commits } else { nil }
        return try PostgresDatabase(settings: settings, role: role, commits: recording)
    }

    /// A throttle signal that holds new ranges back while a streaming replica has not replayed this run's commits
    /// of more than `maximum` ago: read from `pg_stat_replication` on the primary, or from each of `replicas`.
    /// Needs a backend made with `watchesCommits`.
    public func replicaLag(maximum: Duration, replicas: [String]) -> any ThrottleSignal {
        ReplicaLag(
            maximum: maximum, commits: commits ?? CommitLog(),
            replicas: replicas.map {
                PostgresSettings(
                    connectionString: $0, location: PostgresConnectionString.redacted($0),
                    idleTransactionTimeout: settings.idleTransactionTimeout)
            })
    }
}
