/// The state tables' schema: a version stored in `batchrun_meta` and the migrations that reach it.
///
/// The DDL sticks to types and statements SQLite and PostgreSQL share, so a second backend can reuse it.
public enum StateSchema {
    /// Migrations; the state is at version N once the first N have run.
    static let migrations: [[String]] = [
        [
            "CREATE TABLE batchrun_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE batchrun_steps (
                id TEXT PRIMARY KEY, phase TEXT NOT NULL, status TEXT NOT NULL, cursor TEXT,
                processed BIGINT NOT NULL DEFAULT 0, total BIGINT, checksum TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0, error TEXT,
                started_at TEXT, updated_at TEXT, finished_at TEXT)
            """,
            """
            CREATE TABLE batchrun_runs (
                id BIGINT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, started_at TEXT NOT NULL,
                finished_at TEXT, outcome TEXT, processed BIGINT NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE batchrun_lease (
                name TEXT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, run_id BIGINT, token TEXT NOT NULL,
                heartbeat_at TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE batchrun_events (
                id BIGINT PRIMARY KEY, at TEXT NOT NULL, run_id BIGINT, step_id TEXT, kind TEXT NOT NULL,
                message TEXT NOT NULL)
            """,
            "INSERT INTO batchrun_meta (key, value) VALUES ('schema_version', '0')",
        ],
        // Version 2: requests to the runner of a run (pause, throttle, stop), from batch-tui or `batchrun pause`;
        // each step's last range size, where a resumed step starts.
        [
            """
            CREATE TABLE batchrun_control (
                run_id BIGINT PRIMARY KEY, paused BIGINT NOT NULL DEFAULT 0, throttle DOUBLE PRECISION,
                stop_reason TEXT, updated_at TEXT NOT NULL)
            """,
            "ALTER TABLE batchrun_steps ADD COLUMN range_size BIGINT",
        ],
    ]

    /// The version this build writes.
    public static var currentVersion: Int { migrations.count }

    /// The stored version, 0 when the tables do not exist.
    /// - Throws: `BatchError` (`.invalidInput`) when the stored version is unreadable or newer than this build knows.
    static func version(in database: any SQLExecutor) throws -> Int {
        guard try database.tableExists("batchrun_meta") else { return 0 }
        let row = try database.firstRow("SELECT value FROM batchrun_meta WHERE key = 'schema_version'", [])
        guard let text = row?.first?.text, let version = Int(text), version >= 0 else {
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
        return version >= 2 ? first + ["batchrun_control"] : first
    }

    /// Creates or upgrades the state tables to `currentVersion`, inside the caller's transaction.
    static func migrate(in database: any SQLExecutor) throws {
        let version = try version(in: database)
        guard version < currentVersion else { return }
        for migration in migrations[version...] {
            for statement in migration { try database.execute(statement, []) }
        }
        try database.execute(
            "UPDATE batchrun_meta SET value = ? WHERE key = 'schema_version'", [.text(String(currentVersion))])
    }
}
