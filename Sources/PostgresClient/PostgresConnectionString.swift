/// Recognizes PostgreSQL connection strings and removes the secrets from them for display.
///
/// libpq reads two forms: URIs (`postgres://user@host:5432/db?sslmode=require`) and `key=value` strings
/// (`host=db1 dbname=app`). A command line that also takes SQLite file paths recognizes only URIs: a file may be
/// named `a=b`, but it cannot start with `postgres://`.
public enum PostgresConnectionString {
    /// The URI schemes libpq accepts; it compares them case-sensitively.
    static let uriPrefixes = ["postgresql://", "postgres://"]

    /// The connection keywords whose values are secrets.
    static let secretKeywords: Set<String> = ["password", "sslpassword"]

    /// Whether `text` is a PostgreSQL connection URI (`postgres://` or `postgresql://`). `key=value` strings do not
    /// count, so that anything else can be taken for a file path.
    public static func isPostgres(_ text: String) -> Bool {
        uriPrefixes.contains { text.hasPrefix($0) }
    }

    /// Whether libpq reads `text`, given as the `dbname` it expands, as a connection string rather than as the name
    /// of a database: it does when `text` is a URI or contains `=`.
    static func isExpanded(_ text: String) -> Bool {
        isPostgres(text) || text.contains("=")
    }

    /// `text` without its passwords, for messages and logs.
    ///
    /// From a URI it removes the password of the user part (`postgres://app:secret@db/x` becomes
    /// `postgres://app@db/x`) and the `password` and `sslpassword` query parameters, percent-encoded names included.
    /// From a `key=value` string it removes the `password` and `sslpassword` pairs, quoted values included. What
    /// cannot be parsed is dropped rather than shown, since it may be part of a secret. Any other text is returned
    /// as it is: it is a database name or a file path.
    public static func redacted(_ text: String) -> String {
        if isPostgres(text) { return redactedURI(text) }
        if text.contains("=") { return redactedKeyValue(text) }
        return text
    }
}
