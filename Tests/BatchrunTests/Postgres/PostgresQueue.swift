import Foundation
import PostgresClient
import TestSupport

/// A queue on the test cluster that mixes every kind of step: a non-idempotent backfill that also inserts into
/// another table, DDL, a text-key walk, an integer range that generates rows, and a post-phase step; built once
/// into a template database, copied for each round.
struct PostgresQueue {
    /// The template database, which no session may use while it is copied.
    let template: TestDatabase
    /// The update files.
    let workspace: Workspace

    /// Builds the template and writes the update files into `workspace`.
    init(in workspace: Workspace, rows: Int = 40_000) throws {
        self.workspace = workspace
        template = try PostgresCluster.shared.makeDatabase()
        try template.script(
            """
            CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0 CHECK (n <= 1));
            CREATE TABLE touched (id bigint NOT NULL, n integer NOT NULL);
            INSERT INTO t (id) SELECT i * 3 - \(rows) FROM generate_series(1, \(rows)) i;
            CREATE TABLE words (word text PRIMARY KEY, hits integer NOT NULL DEFAULT 0);
            INSERT INTO words (word) SELECT 'w' || to_hex((i * 2654435761) % 1000003) || '-' || i
              FROM generate_series(1, \(rows / 4)) i;
            CREATE TABLE generated (k bigint NOT NULL, v text NOT NULL);
            """)
        try workspace.writeLoggedBumpStep()
        try workspace.writeMixedQueueSteps(
            generating: rows / 4,
            with: "INSERT INTO generated (k, v) SELECT i, md5(i::text) FROM generate_series(:from::bigint + 1, :to) i;")
    }

    /// A fresh copy of the template.
    func copy() throws -> TestDatabase {
        let database = try PostgresCluster.shared.makeDatabase()
        try PostgresCluster.shared.primary.database().execute("DROP DATABASE \(database.name)")
        try PostgresCluster.shared.primary.database().execute(
            "CREATE DATABASE \(database.name) TEMPLATE \(template.name)")
        return database
    }

    /// Every row of every application table, in a deterministic order.
    static func dump(_ database: TestDatabase) throws -> [String] {
        let tables = try database.rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'batchrun_%'"
                + " ORDER BY 1"
        ).compactMap { $0[0] }
        return try tables.flatMap { table in
            try database.rows("SELECT * FROM \(table)").map { row in
                table + ":" + row.map { $0 ?? "NULL" }.joined(separator: "|")
            }.sorted()
        }
    }

    /// Each step's committed count over its chunks, and the steps done; empty before the state exists.
    static func progress(_ database: TestDatabase) throws -> (processed: [String: Int], done: Set<String>) {
        guard try database.scalar("SELECT to_regclass('batchrun_chunks') IS NOT NULL") == "t" else { return ([:], []) }
        var processed: [String: Int] = [:]
        for row in try database.rows("SELECT step_id, sum(processed)::bigint FROM batchrun_chunks GROUP BY step_id") {
            processed[row[0] ?? "?"] = Int(row[1] ?? "") ?? 0
        }
        let done = try database.rows("SELECT id FROM batchrun_steps WHERE status = 'done'").compactMap { $0[0] }
        return (processed, Set(done))
    }
}
