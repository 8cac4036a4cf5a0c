import PostgresClient

/// A database on a test server, with psql-like helpers that each open a short connection as the superuser.
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// The server it lives on.
    public let server: PostgresServer

    /// The database's `postgres://` URL, as the superuser.
    public var url: String { server.url(database: name) }

    /// A new connection to the database as the superuser, labelled `applicationName` in `pg_stat_activity`.
    public func connect(applicationName: String = "batchrun-tests") throws(PostgresError) -> PostgresConnection {
        try PostgresConnection(url, overrides: [("application_name", applicationName)])
    }

    /// Runs one statement and returns its result.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresParameter?] = []) throws(PostgresError)
        -> PostgresResult
    {
        try connect().execute(sql, parameters)
    }

    /// Runs one statement and returns the first column of its first row.
    public func scalar(_ sql: String, _ parameters: [PostgresParameter?] = []) throws(PostgresError) -> String? {
        try execute(sql, parameters).scalar
    }

    /// Runs one statement and returns its rows as text, NULL as `nil`.
    public func rows(_ sql: String, _ parameters: [PostgresParameter?] = []) throws(PostgresError) -> [[String?]] {
        try execute(sql, parameters).rows.map(\.values)
    }

    /// Runs several statements separated by semicolons, as psql's `-c` does.
    public func script(_ sql: String) throws(PostgresError) {
        try connect().executeScript(sql)
    }
}
