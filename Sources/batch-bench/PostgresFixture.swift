import Foundation
import PostgresClient

/// The PostgreSQL fixture: table `t(id bigint PRIMARY KEY, n int NOT NULL, s text NOT NULL)` in a database of its
/// own, with the same rows as SQLite's (`Fixture`): ids stepping by 1 to 3, `n = 0`, `s = 'row 000000001'`. Each
/// measurement gets a copy made with `CREATE DATABASE ... TEMPLATE`, followed by a checkpoint (so every run starts
/// with the same full-page writes ahead) and a wait for the replicas.
struct PostgresFixture: FixtureStore {
    /// The server.
    let server: PostgresServerTarget
    /// The fixture database's name.
    let name: String
    /// Rows in the table.
    let rows: Int

    /// Creates the fixture database `name` with `rows` rows in one transaction, then vacuums and analyzes it.
    /// - Returns: the fixture and how long creating it took.
    /// - Throws: a PostgreSQL error.
    static func create(on server: PostgresServerTarget, name: String, rows: Int) throws -> (
        PostgresFixture, Duration
    ) {
        let clock = ContinuousClock()
        let started = clock.now
        let fixture = PostgresFixture(server: server, name: name, rows: rows)
        try fixture.drop(name)
        try server.connect().execute("CREATE DATABASE \(name)")
        let connection = try server.connect(database: name)
        defer { connection.close() }
        try connection.execute("CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL, s text NOT NULL)")
        // The i-th id of SQLite's recursive CTE, id(i + 1) = id(i) + 1 + (7i mod 3), in closed form.
        try connection.execute(
            """
            INSERT INTO t (id, n, s)
            SELECT id, 0, 'row ' || lpad(id::text, greatest(9, length(id::text)), '0')
              FROM (SELECT i + 3 * ((i - 1) / 3) + CASE (i - 1) % 3 WHEN 0 THEN 0 WHEN 1 THEN 1 ELSE 3 END AS id
                      FROM generate_series(1, $1::bigint) AS i) AS ids
            """, [PostgresParameter(rows)])
        try connection.execute("VACUUM ANALYZE t")
        return (fixture, clock.now - started)
    }

    /// Copies the fixture into database `name`, replacing it, then checkpoints and waits for the replicas.
    func freshCopy(named copy: String) throws -> String {
        let database = "\(self.name)_\(copy)"
        try drop(database)
        let connection = try server.connect()
        defer { connection.close() }
        try connection.execute("CREATE DATABASE \(database) TEMPLATE \(self.name)")
        try connection.execute("CHECKPOINT")
        try server.waitForReplicas()
        return server.url(database: database)
    }

    /// Drops the copy whose URL is `database`.
    func removeCopy(_ database: String) {
        guard let name = URLComponents(string: database)?.path.dropFirst() else { return }
        try? drop(String(name))
    }

    /// Drops the fixture itself.
    func remove() {
        try? drop(name)
    }

    /// Counts the rows whose `n` is not 1, plus how far the row count moved.
    func rowsNotUpdatedOnce(in database: String) throws -> Int {
        let connection = try PostgresConnection(database)
        defer { connection.close() }
        let count = try connection.execute(
            "SELECT count(*) FILTER (WHERE n <> 1) + abs(count(*) - $1::bigint) FROM t", [PostgresParameter(rows)]
        ).scalar
        guard let wrong = count.flatMap({ Int($0) }) else { throw BenchError("cannot count the rows of t") }
        return wrong
    }

    /// A poller of `batchrun_chunks`.
    func progress(of step: String, in database: String) -> any ProgressReading {
        PostgresProgressPoller(url: database, step: step)
    }

    /// The database's URL, for a PostgresClient writer.
    func writer(into database: String) -> WriterTarget {
        .postgres(url: database)
    }

    /// Drops database `database` if it exists, ending its sessions.
    private func drop(_ database: String) throws(PostgresError) {
        let connection = try server.connect()
        defer { connection.close() }
        try connection.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}
