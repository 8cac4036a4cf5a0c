import Foundation
import PostgresClient

/// A streaming replica of a throwaway cluster's primary, running as a hot standby.
public final class PostgresReplica: Sendable {
    /// The replica's server.
    public let server: PostgresServer
    private let primary: PostgresServer

    init(server: PostgresServer, primary: PostgresServer) {
        self.server = server
        self.primary = primary
    }

    /// A `postgres://` URL of `database` on the replica.
    public func url(database: String = "postgres") -> String {
        server.url(database: database)
    }

    /// Makes the replica apply each transaction only `delay` after it committed on the primary
    /// (`recovery_min_apply_delay`, set with ALTER SYSTEM and a reload), so that it lags; `.zero` lets it catch up.
    public func setApplyDelay(_ delay: Duration) throws(PostgresError) {
        let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
        let database = server.database()
        try database.execute("ALTER SYSTEM SET recovery_min_apply_delay = '\(milliseconds)ms'")
        try database.execute("SELECT pg_reload_conf()")
    }

    /// Waits until the replica has replayed everything the primary had written when the call began.
    /// - Throws: `ClusterError` when that takes longer than `timeout`.
    public func waitForReplay(timeout: Duration = .seconds(10)) throws {
        let target = try primary.database().scalar("SELECT pg_current_wal_lsn()")
        let deadline = ContinuousClock.now + timeout
        while try server.database().scalar("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", [target.map { .init($0) }])
            != "t"
        {
            guard ContinuousClock.now < deadline else {
                throw ClusterError(
                    "the replica on port \(server.port) did not replay up to \(target ?? "?") in \(timeout)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
