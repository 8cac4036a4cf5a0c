extension String {
    /// Letters, digits and '_', not starting with a digit: safe to quote and use as a table or column name.
    var isSQLIdentifier: Bool {
        guard let first, first.isASCII, first.isLetter || first == "_" else { return false }
        return allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The identifier in double quotes, inner quotes doubled: standard SQL, understood by SQLite and PostgreSQL.
    public var quotedIdentifier: String {
        "\"" + replacing("\"", with: "\"\"") + "\""
    }
}
