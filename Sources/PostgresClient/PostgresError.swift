/// An error from PostgreSQL or from libpq, with what a caller needs to decide: retry, reconnect or give up.
///
/// No message of this type contains a password: libpq never prints one, and a connection string that libpq cannot
/// parse is reported through its redacted form (see `PostgresConnectionString.redacted(_:)`).
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the error comes from.
    public enum Kind: Sendable, Hashable {
        /// Connecting failed, or an open connection broke: see `connectionFailure`.
        case connection
        /// The server refused a statement with an ErrorResponse and the session goes on; `sqlState` says why.
        case server
        /// The request was refused before it reached a server: a connection string libpq cannot parse, an unknown
        /// connection keyword, a NUL character in SQL or a parameter, a closed connection, or a statement started
        /// while rows are being streamed on the same connection.
        case client
    }

    /// How a connection failed.
    ///
    /// libpq gives no SQLSTATE when connecting fails, so `unreachable` and `rejected` are told apart by what libpq
    /// reports. A server was reached when libpq says it asked for a password (`PQconnectionUsedPassword`,
    /// `PQconnectionNeedsPassword`) or when the message carries a report from the server, which libpq writes as a
    /// severity followed by a colon and two spaces (`FATAL:  password authentication failed for user "app"`). Every
    /// other failure is libpq's own: the host name did not resolve, nothing listened, the attempt timed out, the
    /// socket file is missing.
    public enum ConnectionFailure: Sendable, Hashable {
        /// No PostgreSQL server answered: an unknown host, a refused or timed-out connection, a missing socket, a
        /// peer that does not speak the protocol, or a TLS requirement the server cannot meet. Retrying later may
        /// help.
        case unreachable
        /// A server answered and refused the session: authentication failed or no password was given, the role or
        /// database does not exist, no `pg_hba.conf` entry matches, too many connections, the server is starting
        /// up or shutting down. `message` has the server's reason.
        case rejected
        /// The connection was open and broke: the server ended the session (a FATAL error, `pg_terminate_backend`,
        /// a shutdown or crash) or the transport failed. Reconnect; the open transaction, if any, rolled back.
        case lost
    }

    /// Where the error comes from.
    public var kind: Kind
    /// How the connection failed, when `kind` is `.connection`; `nil` otherwise.
    public var connectionFailure: ConnectionFailure?
    /// The five-character SQLSTATE the server sent (`CLibPQDiagSQLState`), such as `23505`; `nil` for errors libpq
    /// made itself, which include every failure to connect.
    public var sqlState: String?
    /// The primary message; for a failure to connect, libpq's whole report, which names the host and port.
    public var message: String
    /// The server's detail line, if any.
    public var detail: String?
    /// The server's hint, if any.
    public var hint: String?
    /// The 1-based character position in the statement where the server found the error, if it said.
    public var position: Int?
    /// The severity, not localized when the server says so: `ERROR`, `FATAL` or `PANIC`.
    public var severity: String?

    /// An error made of these parts.
    public init(
        kind: Kind, connectionFailure: ConnectionFailure? = nil, sqlState: String? = nil, message: String,
        detail: String? = nil, hint: String? = nil, position: Int? = nil, severity: String? = nil
    ) {
        self.kind = kind
        self.connectionFailure = connectionFailure
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.severity = severity
    }

    /// A refusal made before anything reached a server.
    static func client(_ message: String) -> PostgresError {
        PostgresError(kind: .client, message: message)
    }

    /// The message, then the SQLSTATE, detail and hint when there are any.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }
}
