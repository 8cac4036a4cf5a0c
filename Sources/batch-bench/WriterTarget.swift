import GRDB
import PostgresClient

/// The database the application writer writes to, and how it connects there as an application would.
enum WriterTarget: Sendable {
    /// A SQLite file: GRDB with SQLite's default busy handler and a 10 s timeout (`sqlite3_busy_timeout`),
    /// autocommit, in the file's journal mode (WAL unless `--journal delete`).
    case sqlite(path: String)
    /// A PostgreSQL database: autocommit statements over PostgresClient.
    case postgres(url: String)

    /// The write: one existing row (the first at or after a key; the fixture's keys have gaps) gets another first
    /// letter in `s`, leaving `n`, which the exactly-once check reads, alone. The write must change a byte: SQLite
    /// commits an UPDATE that changes nothing without a new data version, so other connections cannot see it.
    private static func touch(placeholder: String) -> String {
        "UPDATE t SET s = CASE WHEN substr(s, 1, 1) = 'w' THEN 'v' ELSE 'w' END || substr(s, 2)"
            + " WHERE id = (SELECT id FROM t WHERE id >= \(placeholder) ORDER BY id LIMIT 1)"
    }

    /// Opens the writer's own connection and reads the largest key.
    /// - Returns: the largest key, and a function that writes the row at or after a key with one autocommit
    ///   statement; both belong to the calling thread.
    /// - Throws: a GRDB or PostgreSQL error.
    func connect() throws -> (largestKey: Int64, write: (Int64) throws -> Void) {
        switch self {
        case .sqlite(let path):
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.label = "application writer"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let largest = try queue.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM t") } ?? 1
            let sql = Self.touch(placeholder: "?")
            return (
                largest, { key in try queue.writeWithoutTransaction { try $0.execute(sql: sql, arguments: [key]) } }
            )
        case .postgres(let url):
            let connection = try PostgresConnection(url, overrides: [("application_name", "batch-bench writer")])
            let largest = try connection.execute("SELECT max(id) FROM t").scalar.flatMap { Int64($0) } ?? 1
            let sql = Self.touch(placeholder: "$1")
            return (largest, { key in _ = try connection.execute(sql, [PostgresParameter(key)]) })
        }
    }
}
