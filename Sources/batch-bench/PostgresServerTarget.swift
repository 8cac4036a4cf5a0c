import Foundation
import PostgresClient
import ThrowawayPostgres

/// The PostgreSQL server the benchmark measures on: a throwaway durable cluster with one streaming replica that
/// the benchmark starts and tears down, or an existing server named with `--postgres URL`.
final class PostgresServerTarget {
    /// The URL the benchmark was given or the cluster's; other databases' URLs differ only in the path.
    private let baseURL: URLComponents
    /// The cluster the benchmark started, if it did.
    private let cluster: PostgresCluster?
    /// The cluster's replica; an existing server's replicas are not known, only seen in `pg_stat_replication`.
    let replica: PostgresReplica?

    /// WAL the primary keeps for its replicas: the cluster's replicas stream without a replication slot, and a
    /// checkpoint during a big run must not recycle segments a replica has not received yet, which would cut it off.
    static let keptWAL = "4GB"

    /// Starts a throwaway cluster with durable settings (fsync and synchronous_commit on) and one replica.
    /// - Throws: `ClusterError` when the server programs are missing or a server does not start.
    static func throwaway() throws -> PostgresServerTarget {
        let options = PostgresCluster.Options(settings: ["wal_keep_size": keptWAL], isDurable: true)
        let cluster = try PostgresCluster.start(options)
        do {
            let replica = try cluster.makeReplica()
            return try PostgresServerTarget(url: cluster.url(), cluster: cluster, replica: replica)
        } catch {
            cluster.shutdown()
            throw error
        }
    }

    /// An existing server, reached with the `postgres://` URL `url`; its user must be allowed to create databases.
    /// - Throws: `BenchError` when `url` is not a `postgres://` URL.
    static func existing(_ url: String) throws -> PostgresServerTarget {
        try PostgresServerTarget(url: url, cluster: nil, replica: nil)
    }

    /// A target at `url`.
    private init(url: String, cluster: PostgresCluster?, replica: PostgresReplica?) throws {
        guard PostgresConnectionString.isPostgres(url), let components = URLComponents(string: url) else {
            throw BenchError("--postgres takes a postgres:// URL, not \(PostgresConnectionString.redacted(url))")
        }
        baseURL = components
        self.cluster = cluster
        self.replica = replica
    }

    /// The server, for the report: the URL without its password, or the throwaway cluster.
    var label: String {
        cluster.map { "throwaway cluster on port \($0.port), one streaming replica" }
            ?? PostgresConnectionString.redacted(baseURL.string ?? "")
    }

    /// The URL of `database` on the server; `nil` for the database of the given URL.
    func url(database: String? = nil) -> String {
        var components = baseURL
        if let database { components.path = "/\(database)" }
        return components.string ?? ""
    }

    /// A new connection to `database` (`nil`: the given URL's), labelled `batch-bench` in `pg_stat_activity`.
    func connect(database: String? = nil) throws(PostgresError) -> PostgresConnection {
        try PostgresConnection(url(database: database), overrides: [("application_name", "batch-bench")])
    }

    /// Waits until every replica has replayed what the primary has written, up to `timeout`, so one measurement's
    /// WAL does not lag into the next one; the throwaway cluster's replica must be among them, streaming.
    /// - Throws: `BenchError` when a replica is still behind, or the cluster's is not streaming, after `timeout`.
    func waitForReplicas(timeout: Duration = .seconds(60)) throws {
        let connection = try connect()
        defer { connection.close() }
        let expected = replica == nil ? 0 : 1
        let deadline = ContinuousClock.now + timeout
        while true {
            let counts = try connection.execute(
                """
                SELECT count(*) FILTER (WHERE state = 'streaming' AND replay_lsn = pg_current_wal_lsn()),
                       count(*) FILTER (WHERE replay_lsn IS DISTINCT FROM pg_current_wal_lsn())
                  FROM pg_stat_replication
                """
            ).rows[0].values.map { $0.flatMap { Int($0) } ?? 0 }
            if counts[0] >= expected && counts[1] == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw BenchError(
                    "the replicas did not catch up within \(timeout): \(counts[0]) streaming and caught up, "
                        + "\(counts[1]) behind or gone")
            }
            usleep(20_000)
        }
    }

    /// Tears the throwaway cluster down; an existing server is left as it is.
    func shutdown() {
        cluster?.shutdown()
    }
}
