/// One parsed update file: its headers and its SQL body.
public struct UpdateFile: Sendable, Equatable {
    /// How a batched file walks its work.
    public enum Walk: Sendable, Equatable {
        /// Walk the keys of `table` in ascending order: one column, or a composite key of several, in that order.
        case keys(table: TableName, columns: [String])
        /// Walk the integers `first...last`.
        case integers(first: Int64, last: Int64)
    }

    /// The step id: the file name without `.sql`.
    public var id: String
    /// The file's path as given.
    public var path: String
    /// The numeric prefix that orders files within their folder.
    public var number: Int
    /// The phase from `-- phase:`.
    public var phase: Phase
    /// Extra dependencies from `-- after:`.
    public var after: [String]
    /// The line of the first `-- after:` header, for messages about those dependencies.
    public var afterLine: Int?
    /// The walk from `-- batch:`, or `nil` for a file that runs once.
    public var walk: Walk?
    /// The line of the `-- batch:` header.
    public var walkLine: Int?
    /// False for `-- transaction: none`: the statements then run outside any transaction, at least once.
    public var runsInTransaction: Bool
    /// The most workers that may share this step at once, from `-- workers:`; `nil` for no limit.
    public var workers: Int?
    /// The file's text from the first line after the header block to the end, byte for byte.
    public var body: String
    /// The 1-based line of the file where `body` starts.
    public var bodyLine: Int
    /// The statements of `body`, with their lines in the file.
    public var script: SQLScript
    /// A digest of the whole file.
    public var checksum: String

    /// The location of a line of the file.
    public func location(line: Int?) -> SourceLocation {
        SourceLocation(file: path, line: line)
    }

    /// The file line of the statement `sql` (as a database reports a failing one: its text, perhaps with the
    /// comments before it and the rest of the script after it); the body's first line if it is none of the file's.
    public func line(ofStatement sql: String?) -> Int {
        guard let reported = sql.flatMap({ SQLScript($0).statements.first }) else { return bodyLine }
        return script.statements.first { $0.text == reported.text }?.line ?? bodyLine
    }
}

extension UpdateFile.Walk {
    /// The named parameters each range binds: `from` and `to`, or for a composite key `(a, b)` the pair of each
    /// column, `from_a`, `from_b`, `to_a`, `to_b`.
    public var parameterNames: [String] {
        guard case .keys(_, let columns) = self, columns.count > 1 else { return ["from", "to"] }
        return ["from", "to"].flatMap { bound in columns.map { "\(bound)_\($0)" } }
    }
}
