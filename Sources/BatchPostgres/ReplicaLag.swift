import BatchEngine
import Foundation
import PostgresClient

/// `--max-replica-lag`: holds new ranges back while a streaming replica has not replayed a commit of this run made
/// more than `maximum` ago. Replay positions come from `pg_stat_replication` on the primary, or from each replica
/// given with `--replica` (`pg_last_wal_replay_lsn()`); either way the lag is measured against this run's own
/// commits, so it neither vanishes when the primary goes idle nor grows while the replica is caught up.
final class ReplicaLag: ThrottleSignal {
    let maximum: Duration
    let interval: Duration = .milliseconds(200)
    private let commits: CommitLog
    private let replicas: [PostgresSettings]
    private let sessions: [ReplicaSession]

    init(maximum: Duration, commits: CommitLog, replicas: [PostgresSettings]) {
        self.maximum = maximum
        self.commits = commits
        self.replicas = replicas
        sessions = replicas.map(ReplicaSession.init)
    }

    /// Refuses a replica that cannot be reached or is not a standby, and a primary whose replay positions this
    /// user cannot read.
    func validate(on database: any BatchDatabase) throws {
        guard replicas.isEmpty else {
            for index in replicas.indices {
                let recovering = try session(index) { try $0.execute("SELECT pg_is_in_recovery()").scalar }
                guard recovering == "t" else {
                    throw BatchError(.usage, "--replica \(replicas[index].location) is not a standby")
                }
            }
            return
        }
        let unreadable = try database.read { executor in
            try executor.firstRow(
                "SELECT count(*) FROM pg_stat_replication WHERE replay_lsn IS NULL AND state = 'streaming'", [])
        }
        if let count = unreadable?.first?.integer, count > 0 {
            throw BatchError(
                .usage,
                "--max-replica-lag: pg_stat_replication hides the replicas' replay positions from this user; grant it"
                    + " pg_monitor, or name each replica with --replica URL")
        }
    }

    /// The worst lag now, when it is above the maximum.
    func check(on database: any BatchDatabase) throws -> String? {
        let positions = try replayPositions(on: database)
        guard let slowest = positions.min(by: { $0.position < $1.position }) else { return nil }
        let now = ContinuousClock.now
        commits.forget(through: slowest.position)
        let lag = commits.lag(replayed: slowest.position, at: now)
        guard lag > maximum else { return nil }
        return "replica lag \(Self.seconds(lag)) > \(Self.seconds(maximum)) (\(slowest.name))"
    }

    private func replayPositions(on database: any BatchDatabase) throws -> [(name: String, position: UInt64)] {
        guard replicas.isEmpty else {
            return try replicas.indices.map { index in
                let text = try session(index) { try $0.execute("SELECT pg_last_wal_replay_lsn()::text").scalar }
                return (replicas[index].location, text.flatMap(CommitLog.position) ?? 0)
            }
        }
        var positions: [(String, UInt64)] = []
        try database.read { executor in
            try executor.forEachRow(
                "SELECT coalesce(application_name, client_addr::text, 'a replica'), replay_lsn::text"
                    + " FROM pg_stat_replication", []
            ) { row in
                if let text = row[1].text, let position = CommitLog.position(text) {
                    positions.append((row[0].text ?? "a replica", position))
                }
            }
        }
        return positions
    }

    /// Runs `body` on the session to replica `index`.
    private func session<T>(_ index: Int, _ body: (PostgresConnection) throws -> T) throws -> T {
        try sessions[index].run(body)
    }

    /// `2.9 s`.
    private static func seconds(_ duration: Duration) -> String {
        "\((duration.seconds * 10).rounded() / 10) s"
    }
}

/// A session to one replica, opened when first needed and again after it breaks.
private final class ReplicaSession: @unchecked Sendable {
    // `connection` is touched only while `lock` is held.
    private var connection: PostgresConnection?
    private let lock = NSLock()
    private let settings: PostgresSettings

    init(settings: PostgresSettings) {
        self.settings = settings
    }

    /// Runs `body` on the session, opening it if needed.
    /// - Throws: `BatchError` (`.workLeft`) when the replica cannot be read.
    func run<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            if connection?.isBroken ?? true {
                connection = try PostgresConnection(
                    settings.connectionString, defaults: settings.clientDefaults,
                    overrides: [("application_name", "batchrun lag")])
            }
            return try body(connection!)
        } catch let error as PostgresError {
            connection = nil
            throw BatchError(.workLeft, "cannot read replica \(settings.location): \(PostgresFailure.describe(error))")
        }
    }
}
