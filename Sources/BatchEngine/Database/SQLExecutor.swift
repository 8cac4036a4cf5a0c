/// The statements a step or the engine runs on one connection, inside a transaction or, for a
/// `-- transaction: none` step, outside one.
///
/// An executor is valid only inside the closure that received it; it belongs to one connection and one thread.
/// Positional parameters are written `?` on every backend.
public protocol SQLExecutor {
    /// The backend's SQL for what standard SQL leaves open.
    var dialect: SQLDialect { get }

    /// Runs one statement of an update file, binding each named parameter (`:from`, `:to_b`) from `bindings`.
    /// - Returns: the number of rows it changed.
    @discardableResult
    func run(_ statement: SQLStatement, bindings: [String: SQLValue]) throws -> Int

    /// Runs one statement with positional `?` arguments.
    /// - Returns: the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Runs one query and returns its first row, if any.
    func firstRow(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLValue]?

    /// Runs one query and hands each row to `body`, one at a time, without collecting them. `body` must not use
    /// this executor.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws

    /// True when a table of that name exists where unqualified names resolve.
    func tableExists(_ name: String) throws -> Bool

    /// Describes the key columns of a keyset walk, checked through the catalog (not by asking the planner, whose
    /// choices depend on statistics): they exist, and they lead a plain index in that order whose collation is the
    /// one the walk's comparisons use.
    /// - Throws: `KeyColumnProblem` when they cannot be walked.
    func keyIndex(of table: TableName, _ columns: [String]) throws -> KeyIndex

    /// A cheap estimate of the rows in `table` (statistics, not a count), or `nil` when the database has none.
    func estimatedRows(in table: TableName) throws -> Int?

    /// About `count` keys sampled from `table` without scanning it, in ascending order; empty where the database
    /// cannot sample cheaply.
    func sampleKeys(of table: TableName, _ columns: [String], about count: Int) throws -> [[SQLValue]]

    /// Makes this connection's session the proof that `holder` is alive, where the database can tell when a session
    /// ends (PostgreSQL: a session advisory lock, kept after the transaction commits); nothing where liveness is a
    /// process on a host (SQLite). Done again after reconnecting.
    func hold(_ holder: Holder) throws

    /// Which of `holders` are provably gone: their process or database session no longer exists.
    func goneHolders(_ holders: [Holder]) throws -> Set<Holder>
}

/// The index a keyset walk seeks in, as the catalog describes it.
public struct KeyIndex: Sendable, Equatable {
    /// The key columns, in order.
    public var columns: [KeyColumn]
    /// Whether no two rows share a key: then a range of `limit` keys is `limit` rows.
    public var isUnique: Bool

    /// Creates a description.
    public init(columns: [KeyColumn], isUnique: Bool) {
        self.columns = columns
        self.isUnique = isUnique
    }
}

/// One column of a keyset walk, as the catalog describes it.
public struct KeyColumn: Sendable, Equatable {
    /// The column name.
    public var name: String
    /// The least value of the column's type, which no key sorts below; `nil` when the type has none the backend
    /// knows.
    public var leastValue: SQLValue?
    /// Whether the column may hold NULL, which no keyset walk can reach.
    public var nullable: Bool

    /// Creates a description.
    public init(name: String, leastValue: SQLValue?, nullable: Bool) {
        self.name = name
        self.leastValue = leastValue
        self.nullable = nullable
    }
}

/// Why key columns cannot be walked.
public enum KeyColumnProblem: Error, Sendable, Equatable {
    /// The table does not exist.
    case missingTable(String)
    /// The table has no such column.
    case missingColumn(table: String, column: String)
    /// No usable index leads with the columns, so each range would scan the table; `why` says what is missing.
    case notIndexed(table: String, columns: [String], why: String)
    /// The column's type cannot be walked.
    case unsupportedType(table: String, column: String, type: String)
}

extension KeyColumnProblem: CustomStringConvertible {
    /// A sentence for the user.
    public var description: String {
        switch self {
        case .missingTable(let table):
            "table '\(table)' does not exist"
        case .missingColumn(let table, let column):
            "table '\(table)' has no column '\(column)'"
        case .notIndexed(let table, let columns, let why):
            "\(columns.count == 1 ? "column" : "columns") '\(columns.joined(separator: ", "))' of table '\(table)'"
                + " \(why); a keyset walk needs a plain index that starts with"
                + " \(columns.count == 1 ? "it" : "them, in this order")"
                + " (CREATE INDEX ... ON \(table) (\(columns.joined(separator: ", "))))"
        case .unsupportedType(let table, let column, let type):
            "column '\(column)' of table '\(table)' has type \(type), which batchrun cannot walk"
        }
    }
}
