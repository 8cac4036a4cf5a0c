import TestSupport

extension TestTarget {
    /// The units the PostgreSQL queue's long step walks.
    static let postgresUnits = 20_000_000_000

    /// A fresh database on the test cluster whose batched step keeps several workers busy for minutes without
    /// writing a row: `0002_fill` walks `range=1..postgresUnits`, each range sleeping 10 ns a unit in the server.
    static func postgresDashboardQueue() throws -> TestTarget {
        let target = try TestTarget(.postgres)
        try target.workspace.write("0001_create.sql", "CREATE TABLE marks (id bigint PRIMARY KEY);\n")
        try target.workspace.write(
            "\(Workspace.longStep).sql",
            """
            -- batch: range=1..\(postgresUnits)
            SELECT pg_sleep((CAST(:to AS bigint) - CAST(:from AS bigint)) / 1e8);

            """)
        return target
    }

    /// The arguments that name this target's database and updates.
    var arguments: [String] { ["--db", db, "--updates", workspace.updates.path] }

    /// The long step's committed count over all its chunks; `nil` before its chunks exist.
    func processed() -> Int? {
        try? integer(
            "SELECT CAST(sum(processed) AS bigint) FROM batchrun_chunks WHERE step_id = '\(Workspace.longStep)'")
    }

    /// How many workers of active runs report `state`.
    func workers(in state: String) -> Int {
        (try? integer(
            "SELECT count(*) FROM batchrun_workers WHERE stopped_at IS NULL AND state = '\(state)'")) ?? 0
    }
}
