/// The state tables' schema: a version stored in `batchrun_meta`, the DDL of the current version, and the upgrades
/// that bring an older state to it.
///
/// The DDL sticks to what SQLite and PostgreSQL share, with the dialect's generated ids. Only SQLite databases can
/// hold a version-1 or -2 state: PostgreSQL support came with version 3.
public enum StateSchema {
    /// The version this build writes.
    public static let currentVersion = 3

    /// The current version's tables, for a database batchrun never wrote to.
    static func creation(_ dialect: SQLDialect) -> [String] {
        [
            "CREATE TABLE batchrun_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE batchrun_steps (
                id TEXT PRIMARY KEY, phase TEXT NOT NULL, status TEXT NOT NULL, checksum TEXT NOT NULL,
                total BIGINT, attempts BIGINT NOT NULL DEFAULT 0, error TEXT,
                started_at TEXT, updated_at TEXT, finished_at TEXT)
            """,
            chunksTable(dialect), "CREATE INDEX batchrun_chunks_step ON batchrun_chunks (step_id, done)",
            runsTable(dialect, named: "batchrun_runs"), workersTable(dialect),
            """
            CREATE TABLE batchrun_lease (
                name TEXT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, run_id BIGINT, token TEXT NOT NULL,
                heartbeat_at TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)
            """,
            controlTable, eventsTable(dialect, named: "batchrun_events"),
            "INSERT INTO batchrun_meta (key, value) VALUES ('schema_version', '\(currentVersion)')",
        ]
    }

    /// Upgrades by the version they start from.
    static func upgrade(from version: Int, _ dialect: SQLDialect) -> [String] {
        switch version {
        case 1:
            [
                """
                CREATE TABLE batchrun_control (
                    run_id BIGINT PRIMARY KEY, paused BIGINT NOT NULL DEFAULT 0, throttle DOUBLE PRECISION,
                    stop_reason TEXT, updated_at TEXT NOT NULL)
                """,
                "ALTER TABLE batchrun_steps ADD COLUMN range_size BIGINT",
            ]
        default:
            // Version 3: each step's cursor moves into its chunks; ids come from the database; workers are recorded;
            // control requests address the whole queue.
            [
                chunksTable(dialect), "CREATE INDEX batchrun_chunks_step ON batchrun_chunks (step_id, done)",
                """
                INSERT INTO batchrun_chunks (step_id, cursor, processed, done, range_size, updated_at)
                SELECT id, cursor, processed, CASE status WHEN 'done' THEN 1 ELSE 0 END, range_size, updated_at
                  FROM batchrun_steps
                """,
                "ALTER TABLE batchrun_steps DROP COLUMN cursor",
                "ALTER TABLE batchrun_steps DROP COLUMN processed",
                "ALTER TABLE batchrun_steps DROP COLUMN range_size",
                runsTable(dialect, named: "batchrun_runs_v3"),
                """
                INSERT INTO batchrun_runs_v3 (id, host, pid, started_at, finished_at, outcome, processed)
                SELECT id, host, pid, started_at, finished_at, outcome, processed FROM batchrun_runs
                """,
                "DROP TABLE batchrun_runs", "ALTER TABLE batchrun_runs_v3 RENAME TO batchrun_runs",
                eventsTable(dialect, named: "batchrun_events_v3"),
                """
                INSERT INTO batchrun_events_v3 (id, at, run_id, step_id, kind, message)
                SELECT id, at, run_id, step_id, kind, message FROM batchrun_events
                """,
                "DROP TABLE batchrun_events", "ALTER TABLE batchrun_events_v3 RENAME TO batchrun_events",
                "DROP TABLE batchrun_control", controlTable, workersTable(dialect),
            ]
        }
    }

    private static func chunksTable(_ dialect: SQLDialect) -> String {
        """
        CREATE TABLE batchrun_chunks (
            id \(dialect.generatedID), step_id TEXT NOT NULL, lower_bound TEXT, upper_bound TEXT, cursor TEXT,
            processed BIGINT NOT NULL DEFAULT 0, estimate BIGINT, done BIGINT NOT NULL DEFAULT 0, range_size BIGINT,
            claim_token TEXT, claimed_by BIGINT, claim_expires_at DOUBLE PRECISION, updated_at TEXT)
        """
    }

    private static func runsTable(_ dialect: SQLDialect, named name: String) -> String {
        """
        CREATE TABLE \(name) (
            id \(dialect.generatedID), host TEXT NOT NULL, pid BIGINT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT, outcome TEXT, processed BIGINT NOT NULL DEFAULT 0,
            workers BIGINT NOT NULL DEFAULT 1, exclusive BIGINT NOT NULL DEFAULT 0)
        """
    }

    private static func workersTable(_ dialect: SQLDialect) -> String {
        """
        CREATE TABLE batchrun_workers (
            id \(dialect.generatedID), run_id BIGINT NOT NULL, name TEXT NOT NULL, host TEXT NOT NULL,
            pid BIGINT NOT NULL, started_at TEXT NOT NULL, heartbeat_at TEXT, heartbeat DOUBLE PRECISION,
            step_id TEXT, chunk_id BIGINT, rate DOUBLE PRECISION, state TEXT, stopped_at TEXT)
        """
    }

    private static let controlTable = """
        CREATE TABLE batchrun_control (
            name TEXT PRIMARY KEY, paused BIGINT NOT NULL DEFAULT 0, throttle DOUBLE PRECISION,
            stop_through_run BIGINT, stop_reason TEXT, updated_at TEXT NOT NULL)
        """

    private static func eventsTable(_ dialect: SQLDialect, named name: String) -> String {
        """
        CREATE TABLE \(name) (
            id \(dialect.generatedID), at TEXT NOT NULL, run_id BIGINT, worker TEXT, step_id TEXT,
            kind TEXT NOT NULL, message TEXT NOT NULL)
        """
    }

    /// The stored version, 0 when the tables do not exist.
    /// - Throws: `BatchError` (`.invalidInput`) when the stored version is unreadable or newer than this build knows,
    ///   or a table of that version is missing.
    static func version(in database: any SQLExecutor) throws -> Int {
        guard try database.tableExists("batchrun_meta") else { return 0 }
        let row = try database.firstRow("SELECT value FROM batchrun_meta WHERE key = 'schema_version'", [])
        guard let text = row?.first?.text, let version = Int(text), version >= 1 else {
            throw BatchError(
                .invalidInput, "corrupt state: batchrun_meta has no readable schema_version in the database")
        }
        guard version <= currentVersion else {
            throw BatchError(
                .invalidInput,
                "the state tables are at version \(version), newer than this batchrun knows (\(currentVersion));"
                    + " upgrade batchrun")
        }
        for table in tables(at: version) where try !database.tableExists(table) {
            throw BatchError(
                .invalidInput, "corrupt state: table \(table) is missing though the state is at version \(version)")
        }
        return version
    }

    /// The state tables a version has.
    private static func tables(at version: Int) -> [String] {
        let first = ["batchrun_meta", "batchrun_steps", "batchrun_runs", "batchrun_lease", "batchrun_events"]
        switch version {
        case 1: return first
        case 2: return first + ["batchrun_control"]
        default: return first + ["batchrun_control", "batchrun_chunks", "batchrun_workers"]
        }
    }

    /// Creates or upgrades the state tables to `currentVersion`, inside the caller's transaction.
    static func migrate(in database: any SQLExecutor, _ dialect: SQLDialect) throws {
        for statement in dialect.serializeStateChanges { try database.execute(statement, []) }
        let version = try version(in: database)
        guard version < currentVersion else { return }
        let statements =
            version == 0 ? creation(dialect) : (version..<currentVersion).flatMap { upgrade(from: $0, dialect) }
        for statement in statements { try database.execute(statement, []) }
        try database.execute(
            "UPDATE batchrun_meta SET value = ? WHERE key = 'schema_version'", [.text(String(currentVersion))])
    }
}
