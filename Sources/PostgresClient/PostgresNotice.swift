/// A notice or warning the server sent while a statement ran (`RAISE NOTICE`, `IF EXISTS` skips, deprecations).
public struct PostgresNotice: Hashable, Sendable {
    /// The severity, never localized: `WARNING`, `NOTICE`, `DEBUG`, `INFO` or `LOG`.
    public var severity: String
    /// The five-character SQLSTATE, such as `01000`.
    public var sqlState: String?
    /// The primary message.
    public var message: String

    /// A notice made of these parts.
    public init(severity: String, sqlState: String?, message: String) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
    }
}
