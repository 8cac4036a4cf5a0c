/// The statements a step or the engine runs inside one open transaction.
///
/// An executor is valid only inside the closure that received it; it belongs to one connection and one task.
public protocol SQLExecutor {
    /// Runs one or several statements, binding each `:name` parameter from `parameters`.
    /// Prepared statements are kept and reused when the same text runs again.
    func execute(_ sql: String, parameters: [String: SQLValue]) throws

    /// Runs one statement with positional `?` arguments and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Runs one query and returns its first row, if any.
    func firstRow(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLValue]?

    /// Runs one query and hands each row to `body`, one at a time, without collecting them.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws

    /// True when a table of that name exists.
    func tableExists(_ name: String) throws -> Bool

    /// Describes a key column for a keyset walk, or explains why it cannot be walked.
    func keyColumn(table: String, column: String) throws -> KeyColumn

    /// Rows changed by this connection since it opened, to count what a one-shot step did.
    var totalChanges: Int { get }
}

/// A column a keyset walk can use: it exists, it is indexed, and every key sorts above `lowerBound`.
public struct KeyColumn: Sendable, Equatable {
    /// A value strictly below every non-NULL key of the column, bound as `:from` for the first range.
    public var lowerBound: SQLValue

    /// Creates a description.
    public init(lowerBound: SQLValue) {
        self.lowerBound = lowerBound
    }
}

/// Why a key column cannot be walked.
public enum KeyColumnProblem: Error, Sendable, Equatable {
    /// The table does not exist.
    case missingTable(String)
    /// The table has no such column.
    case missingColumn(table: String, column: String)
    /// No index starts with the column, so each range would scan the table.
    case notIndexed(table: String, column: String)
}

extension KeyColumnProblem: CustomStringConvertible {
    /// A sentence for the user.
    public var description: String {
        switch self {
        case .missingTable(let table):
            "table '\(table)' does not exist"
        case .missingColumn(let table, let column):
            "table '\(table)' has no column '\(column)'"
        case .notIndexed(let table, let column):
            "column '\(column)' of table '\(table)' is not the first column of any index;"
                + " a keyset walk needs one (CREATE INDEX ... ON \(table)(\(column)))"
        }
    }
}
