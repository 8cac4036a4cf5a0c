import BatchEngine
import PostgresClient
import Synchronization

/// One session with a PostgreSQL server, through libpq, owned by one worker (or the run, or a command) at a time.
///
/// Ranges run in READ COMMITTED transactions with a `lock_timeout`, so the application's queries never queue behind
/// batchrun, and a `statement_timeout` when the engine asks for one. Reads see one snapshot (REPEATABLE READ, READ
/// ONLY), so they work on a standby.
public final class PostgresDatabase: BatchDatabase {
    /// The server and database, without the password.
    public let location: String
    /// PostgreSQL's SQL for what standard SQL leaves open.
    public var dialect: SQLDialect { PostgresDialect.dialect }
    private let session: LockedConnection
    private let canceller: PostgresCanceller
    private let cancelled = Atomic<Bool>(false)
    private let timed = Atomic<Bool>(false)
    private let commits: CommitLog?
    private let settings: PostgresSettings

    /// Opens a session for `role` and sets it up: ISO dates, exact floats, and timeouts that let the server free a
    /// partitioned worker's locks.
    /// - Throws: `BatchError`: `.usage` when the server refuses (a bad password, a missing database) or, for a role
    ///   that writes, when it is a read-only standby; `.workLeft` when it cannot be reached.
    init(settings: PostgresSettings, role: ConnectionRole, commits: CommitLog?) throws {
        location = settings.location
        self.settings = settings
        self.commits = commits
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(
                settings.connectionString, defaults: settings.clientDefaults,
                overrides: [("application_name", Self.applicationName(for: role))])
            try connection.executeScript(settings.sessionSetup(readOnly: role == .observer))
            canceller = try connection.makeCanceller()
            if role != .observer, try connection.execute("SELECT pg_is_in_recovery()").scalar == "t" {
                throw BatchError(
                    .usage,
                    "\(settings.location) is a read-only standby; point --db at the primary to"
                        + (role == .control ? " send control requests" : " apply updates"))
            }
        } catch let error as PostgresError {
            throw PostgresFailure.connectionError(error, location: settings.location)
        }
        session = LockedConnection(connection)
    }

    /// `batchrun`, plus the worker or the command, as `pg_stat_activity` shows it.
    private static func applicationName(for role: ConnectionRole) -> String {
        switch role {
        case .worker(let name): "batchrun \(name)"
        case .coordinator: "batchrun"
        case .control: "batchrun control"
        case .observer: "batchrun status"
        }
    }

    /// Runs `body` in a READ COMMITTED transaction with `limits`; records the commit's WAL position when a replica
    /// lag signal watches this run's commits.
    public func write<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction("BEGIN", limits) { connection, executor in
            let result = try body(executor)
            try connection.execute("COMMIT")
            // After the commit nothing may throw: the range is in, whatever the position read does.
            if let commits, let position = try? connection.execute("SELECT pg_current_wal_lsn()::text").scalar {
                commits.record(position)
            }
            return result
        }
    }

    /// Runs `body` in a read-only transaction on one snapshot.
    public func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", TransactionLimits()) {
            connection, executor in
            let result = try body(executor)
            try connection.execute("COMMIT")
            return result
        }
    }

    /// Runs `body` outside a transaction, each statement committing on its own, under `limits`' lock timeout.
    public func autocommit<T>(_ limits: TransactionLimits, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try session.withConnection { connection in
            cancelled.store(false, ordering: .relaxed)
            timed.store(false, ordering: .relaxed)
            try connection.execute(
                "SELECT set_config('lock_timeout', $1, false)",
                [PostgresParameter(Self.milliseconds(limits.lockTimeout))])
            defer { _ = try? connection.execute("RESET lock_timeout") }
            return try body(PostgresExecutor(connection: connection, isAutocommit: true))
        }
    }

    private func transaction<T>(
        _ begin: String, _ limits: TransactionLimits,
        _ body: (PostgresConnection, PostgresExecutor) throws -> T
    ) throws -> T {
        try session.withConnection { connection in
            cancelled.store(false, ordering: .relaxed)
            timed.store(limits.statementTimeout != nil, ordering: .relaxed)
            try connection.execute(begin)
            do {
                if limits != TransactionLimits() {
                    try connection.execute(
                        "SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)",
                        [
                            PostgresParameter(Self.milliseconds(limits.lockTimeout)),
                            PostgresParameter(Self.milliseconds(limits.statementTimeout)),
                        ])
                }
                return try body(connection, PostgresExecutor(connection: connection, isAutocommit: false))
            } catch {
                if !connection.isBroken { _ = try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// A timeout as PostgreSQL reads it, within the range it takes (up to about 24 days); none is `0`, which
    /// disables it.
    private static func milliseconds(_ duration: Duration?) -> String {
        duration.map { "\(Int(min(Double(Int32.max), max(1, ($0.seconds * 1000).rounded()))))ms" } ?? "0"
    }

    /// Classifies by SQLSTATE; a connection failure means the session is gone.
    public func classify(_ error: any Error) -> DatabaseFailure {
        PostgresFailure.classify(
            error, cancelled: cancelled.load(ordering: .relaxed), timed: timed.load(ordering: .relaxed))
    }

    /// A sandbox session of its own, whose temporary tables shadow the tables `steps` use.
    public func makeSchemaSandbox(for steps: [any Step]) throws -> any BatchDatabase {
        try PostgresSandbox(settings: settings, steps: steps)
    }

    /// Cancels the running statement with `PQcancel`; its transaction rolls back.
    public func interrupt() {
        cancelled.store(true, ordering: .relaxed)
        try? canceller.cancel()
    }

    /// Nothing to do: row locks let the application's writers in while a range runs elsewhere in the table.
    public func yieldToOtherWriters(afterRangeOf duration: Duration) -> Duration? { nil }

    /// Ends the session; the server rolls back what it had open and releases its advisory locks.
    public func close() {
        session.withConnection { $0.close() }
    }
}
