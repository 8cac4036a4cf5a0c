/// One row of a result: a text-format value, or `nil` for SQL NULL, per column.
public struct PostgresRow: Hashable, Sendable {
    /// The result's columns, shared by all its rows.
    public let columns: [PostgresColumn]
    /// The values, one per column, in column order.
    public let values: [String?]

    /// A row with `values` for `columns`.
    public init(columns: [PostgresColumn], values: [String?]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of the column at `index`.
    public subscript(index: Int) -> String? { values[index] }

    /// The value of the first column called `name`, or `nil` if it is NULL or there is no such column.
    public subscript(name: String) -> String? {
        columns.firstIndex { $0.name == name }.flatMap { values[$0] }
    }
}
