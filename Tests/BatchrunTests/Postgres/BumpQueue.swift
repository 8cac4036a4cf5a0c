import Foundation
import PostgresClient
import TestSupport

/// The queue most PostgreSQL tests run: a table `t` of ids `1...rows` whose counter `n` may be bumped only once
/// (`CHECK (n <= 1)`, so a range run twice fails loudly), and a step `0001_bump` that bumps it range by range and,
/// when `logging`, records each id it touched in `touched`, so a doubled range shows as a doubled id.
enum BumpQueue {
    /// Creates the table (and `touched`) in `database` and writes the step into `workspace`.
    static func make(in database: TestDatabase, _ workspace: Workspace, rows: Int, logging: Bool = false) throws {
        try database.script(
            """
            CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0 CHECK (n <= 1));
            CREATE TABLE touched (id bigint NOT NULL);
            INSERT INTO t (id) SELECT generate_series(1, \(rows));
            """)
        try workspace.write(
            "0001_bump.sql",
            "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;"
                + (logging ? "\nINSERT INTO touched SELECT id FROM t WHERE id > :from AND id <= :to;" : ""))
    }

    /// Rows bumped so far.
    static func bumped(in database: TestDatabase) -> Int {
        Int((try? database.scalar("SELECT count(*) FROM t WHERE n = 1")) ?? nil ?? "") ?? 0
    }

    /// Units committed so far over every chunk; 0 before the state exists.
    static func committed(in database: TestDatabase) -> Int {
        Int((try? database.scalar("SELECT coalesce(sum(processed), 0) FROM batchrun_chunks")) ?? nil ?? "") ?? 0
    }
}
