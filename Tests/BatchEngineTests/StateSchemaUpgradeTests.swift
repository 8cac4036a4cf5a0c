import Foundation
import TestSupport
import Testing

@testable import BatchEngine

@Suite struct StateSchemaUpgradeTests {
    /// A database whose state a version-1 batchrun wrote is upgraded in place, keeping every step's progress.
    @Test func versionOneStateIsUpgradedKeepingProgress() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500) INSERT INTO t (id) SELECT i FROM s;
            UPDATE t SET n = 1 WHERE id <= 200;
            """)
        let path = try scratch.write(
            "0001_bump.sql", "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;")
        let checksum = try #require(try scratch.steps().first?.checksum)
        try scratch.sql(
            Self.versionOneSchema + """
                ;
                UPDATE batchrun_meta SET value = '1' WHERE key = 'schema_version';
                INSERT INTO batchrun_steps (id, phase, status, cursor, processed, total, checksum, attempts)
                VALUES ('0001_bump', 'update', 'running', '200', 200, 500, '\(checksum)', 1);
                """)
        #expect(try QueueStatus.read(from: scratch.backend(), steps: scratch.steps()).state.schemaVersion == 1)

        let (summary, _) = try scratch.apply(.small(range: 100))
        #expect(summary.status == .drained, "\(path): \(summary.message)")
        #expect(
            try scratch.integer("SELECT value FROM batchrun_meta WHERE key = 'schema_version'")
                == StateSchema.currentVersion)
        #expect(try scratch.integer("SELECT count(*) FROM batchrun_control") == 0)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 500)
        let record = try #require(try scratch.record("0001_bump"))
        #expect(record.processed == 500)
        #expect(record.attempts == 2)
        #expect(record.chunks.map(\.rangeSize) == [100])
        #expect(try scratch.integer("SELECT count(*) FROM batchrun_runs WHERE id IS NULL") == 0)
    }

    /// The tables a version-1 batchrun created, as it created them.
    static let versionOneSchema = """
        CREATE TABLE batchrun_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE batchrun_steps (
            id TEXT PRIMARY KEY, phase TEXT NOT NULL, status TEXT NOT NULL, cursor TEXT,
            processed BIGINT NOT NULL DEFAULT 0, total BIGINT, checksum TEXT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0, error TEXT,
            started_at TEXT, updated_at TEXT, finished_at TEXT);
        CREATE TABLE batchrun_runs (
            id BIGINT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT, outcome TEXT, processed BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE batchrun_lease (
            name TEXT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, run_id BIGINT, token TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL);
        CREATE TABLE batchrun_events (
            id BIGINT PRIMARY KEY, at TEXT NOT NULL, run_id BIGINT, step_id TEXT, kind TEXT NOT NULL,
            message TEXT NOT NULL);
        INSERT INTO batchrun_meta (key, value) VALUES ('schema_version', '0')
        """
}
