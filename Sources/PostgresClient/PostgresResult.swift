/// What a statement returned, copied out of libpq: its columns and rows in text format, and its completion.
public struct PostgresResult: Hashable, Sendable {
    /// The columns; empty for a statement that returns no rows.
    public let columns: [PostgresColumn]
    /// Every row, in the order the server sent them.
    public let rows: [PostgresRow]
    /// The command tag, such as `INSERT 0 3`, `UPDATE 12` or `CREATE TABLE`.
    public let commandTag: String
    /// The rows the statement inserted, updated, deleted, merged, selected, moved, fetched or copied; `nil` for a
    /// command that does not count rows, such as `CREATE TABLE`.
    public let affectedRows: Int?

    /// A result made of these parts.
    public init(columns: [PostgresColumn], rows: [PostgresRow], commandTag: String, affectedRows: Int?) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The first column of the first row: `nil` when there is no row or the value is NULL.
    public var scalar: String? { rows.first?.values.first ?? nil }
}
