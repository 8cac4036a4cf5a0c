/// The SQL a backend writes where standard SQL leaves it open; everything else the engine writes is shared.
///
/// Positional parameters are `?` on every backend (a backend whose server numbers them rewrites them), ids come from
/// the database through `RETURNING`, and upserts use `ON CONFLICT`, which SQLite and PostgreSQL both understand.
public struct SQLDialect: Sendable {
    /// The database's clock, in seconds since 1970, as an expression: leases and claims expire by it, not by a host's.
    public var clockSeconds: String
    /// The database's clock as ISO 8601 text in UTC, as an expression, for the timestamps a user reads.
    public var clockText: String
    /// The column definition of an id the database assigns on insert.
    public var generatedID: String
    /// Appended to a `SELECT` that claims a row: rows other transactions lock are skipped, not waited for.
    public var skipLocked: String
    /// Appended to a `SELECT` whose rows must stay locked until commit.
    public var forUpdate: String
    /// Statements that make concurrent runs take turns creating and upgrading the state tables, and then see the
    /// tables the run before them created; none where one writer at a time is the rule.
    public var serializeStateChanges: [String]

    /// Creates a dialect.
    public init(
        clockSeconds: String, clockText: String, generatedID: String, skipLocked: String, forUpdate: String,
        serializeStateChanges: [String]
    ) {
        self.clockSeconds = clockSeconds
        self.clockText = clockText
        self.generatedID = generatedID
        self.skipLocked = skipLocked
        self.forUpdate = forUpdate
        self.serializeStateChanges = serializeStateChanges
    }
}
