import BatchEngine

/// SQLite's SQL for what standard SQL leaves open.
enum SQLiteDialect {
    /// Row ids assigned by SQLite, the clock from `julianday('now')`, no row locks (one writer at a time).
    static let dialect = SQLDialect(
        clockSeconds: "((julianday('now') - 2440587.5) * 86400.0)",
        clockText: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        generatedID: "INTEGER PRIMARY KEY",
        skipLocked: "",
        forUpdate: "",
        serializeStateChanges: [])
}
