import PostgresClient

/// How batchrun connects to a server and sets up each session.
struct PostgresSettings: Sendable {
    /// The URI or `key=value` string, as the user gave it.
    let connectionString: String
    /// The server and database as messages name them, without the password.
    let location: String
    /// How long a session may sit idle inside a transaction before the server ends it and frees its locks: a
    /// partitioned worker's row locks then go within this time, as its claims expire.
    let idleTransactionTimeout: Duration

    /// libpq settings the connection string may override: a bounded connect, and TCP keepalives and a user timeout
    /// so a worker notices a lost network in seconds, not hours.
    var clientDefaults: [(String, String)] {
        [
            ("connect_timeout", "10"), ("keepalives", "1"), ("keepalives_idle", "5"), ("keepalives_interval", "2"),
            ("keepalives_count", "3"), ("tcp_user_timeout", "10000"),
        ]
    }

    /// The statements that set up a session: dates printed as ISO 8601 (cursors read back whatever the session's
    /// DateStyle), floats printed exactly, the server's own keepalives, and the idle timeout.
    func sessionSetup(readOnly: Bool) -> String {
        let idle = max(1, Int(idleTransactionTimeout.seconds * 1000))
        return [
            "SET datestyle = 'ISO'", "SET extra_float_digits = 3", "SET idle_in_transaction_session_timeout = \(idle)",
            "SET tcp_keepalives_idle = 5", "SET tcp_keepalives_interval = 2", "SET tcp_keepalives_count = 3",
            "SET tcp_user_timeout = 10000",
        ].joined(separator: "; ") + (readOnly ? "; SET default_transaction_read_only = on" : "")
    }
}
