extension UpdateFileParser {
    /// Reads a `batch:` header's value: `table=T key=K` (or `key=A,B` for a composite key), or `range=FIRST..LAST`.
    static func walk(from value: String, at location: SourceLocation) throws -> UpdateFile.Walk {
        var settings: [String: String] = [:]
        for pair in value.split(separator: " ", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw BatchError(.invalidInput, "batch: expected name=value, got '\(pair)'", location: location)
            }
            guard ["table", "key", "range"].contains(parts[0]) else {
                throw BatchError(
                    .invalidInput, "batch: unknown setting '\(parts[0])'; use table= and key=, or range=FIRST..LAST",
                    location: location)
            }
            guard settings.updateValue(parts[1], forKey: parts[0]) == nil else {
                throw BatchError(.invalidInput, "batch: '\(parts[0])' is given twice", location: location)
            }
        }
        switch (settings["table"], settings["key"], settings["range"]) {
        case (let table?, let key?, nil):
            return try keys(table: table, key: key, at: location)
        case (nil, nil, let range?):
            let bounds = range.components(separatedBy: "..")
            guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]), first <= last,
                first > Int64.min
            else {
                throw BatchError(
                    .invalidInput, "batch: range must be FIRST..LAST with integers FIRST <= LAST, not '\(range)'",
                    location: location)
            }
            return .integers(first: first, last: last)
        default:
            throw BatchError(
                .invalidInput, "batch: give both table= and key=, or range=FIRST..LAST alone", location: location)
        }
    }

    /// A key walk: `table` plain or schema-qualified, `key` one column or several distinct ones separated by commas.
    private static func keys(table: String, key: String, at location: SourceLocation) throws -> UpdateFile.Walk {
        guard let name = TableName(parsing: table) else {
            throw BatchError(
                .invalidInput,
                "batch: table '\(table)' is not a plain identifier (letters, digits, '_'), nor schema.table of two",
                location: location)
        }
        let columns = key.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var seen: Set<String> = []
        for column in columns {
            guard column.isSQLIdentifier else {
                throw BatchError(
                    .invalidInput,
                    "batch: key column '\(column)' is not a plain identifier (letters, digits, '_'); a composite key"
                        + " lists its columns as key=a,b",
                    location: location)
            }
            // SQLite's column names ignore case even quoted: `a` and `A` are one column.
            guard seen.insert(column.lowercased()).inserted else {
                throw BatchError(.invalidInput, "batch: key column '\(column)' is listed twice", location: location)
            }
        }
        return .keys(table: name, columns: columns)
    }
}
