/// The statements of a keyset walk over one key column or a composite key, built once per step with quoted
/// identifiers; composite keys compare as row values, `(a, b) > (?, ?)`, which SQLite and PostgreSQL share.
struct KeyWalk: Sendable {
    /// The table walked.
    let table: TableName
    /// The key columns, in order.
    let columns: [String]

    /// The parameter names a range binds: `from`/`to`, or `from_a`, `to_a`, ... for a composite key.
    func bindingNames(_ bound: String) -> [String] {
        columns.count == 1 ? [bound] : columns.map { "\(bound)_\($0)" }
    }

    private var keyList: String { columns.map(\.quotedIdentifier).joined(separator: ", ") }
    private var key: String { columns.count == 1 ? keyList : "(\(keyList))" }
    private var marks: String { columns.count == 1 ? "?" : "(\(placeholders(columns.count)))" }

    /// The condition that keeps rows after `after` and through `through`; `nil` bounds are open.
    private func condition(after: Bool, through: Bool) -> String {
        let parts = (after ? ["\(key) > \(marks)"] : []) + (through ? ["\(key) <= \(marks)"] : [])
        return parts.isEmpty ? "" : " WHERE " + parts.joined(separator: " AND ")
    }

    /// Up to `count` keys from `offset` keys after the start of the range: an index seek, never a scan over done
    /// rows.
    func keys(at offset: Int, count: Int, after: [SQLValue]?, through: [SQLValue]?) -> (String, [SQLValue]) {
        (
            "SELECT \(keyList) FROM \(table.quoted)\(condition(after: after != nil, through: through != nil))"
                + " ORDER BY \(keyList) LIMIT \(count) OFFSET ?",
            (after ?? []) + (through ?? []) + [.integer(Int64(offset))]
        )
    }

    /// The number of rows in the range.
    func count(after: [SQLValue]?, through: [SQLValue]?) -> (String, [SQLValue]) {
        (
            "SELECT count(*) FROM \(table.quoted)\(condition(after: after != nil, through: through != nil))",
            (after ?? []) + (through ?? [])
        )
    }

    /// The last key of the range.
    func lastKey(after: [SQLValue]?, through: [SQLValue]?) -> (String, [SQLValue]) {
        let descending = columns.map { "\($0.quotedIdentifier) DESC" }.joined(separator: ", ")
        return (
            "SELECT \(keyList) FROM \(table.quoted)\(condition(after: after != nil, through: through != nil))"
                + " ORDER BY \(descending) LIMIT 1",
            (after ?? []) + (through ?? [])
        )
    }

    /// A row whose key holds NULL in one of `nullable`, which no walk can reach.
    func nullKey(in nullable: [String]) -> String {
        let test = nullable.map { "\($0.quotedIdentifier) IS NULL" }.joined(separator: " OR ")
        return "SELECT 1 FROM \(table.quoted) WHERE \(test) LIMIT 1"
    }

    /// A row whose leading key column is at or below `?`.
    var keyAtOrBelow: String {
        "SELECT 1 FROM \(table.quoted) WHERE \(columns[0].quotedIdentifier) <= ? LIMIT 1"
    }

    /// The values of a cursor of this walk, one per key column.
    func values(of cursor: Cursor) -> [SQLValue]? {
        let parts: [Cursor]
        if case .composite(let composite) = cursor { parts = composite } else { parts = [cursor] }
        guard parts.count == columns.count else { return nil }
        let values = parts.compactMap(\.sqlValue)
        return values.count == columns.count ? values : nil
    }

    /// The cursor of a key read from the table; `nil` when a part is NULL.
    func cursor(of row: [SQLValue]) -> Cursor? {
        let parts = row.prefix(columns.count).compactMap(Cursor.init)
        guard parts.count == columns.count else { return nil }
        return columns.count == 1 ? parts[0] : .composite(parts)
    }
}
