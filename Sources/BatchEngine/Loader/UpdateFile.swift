import Foundation

/// One parsed update file: its headers and its SQL body.
public struct UpdateFile: Sendable, Equatable {
    /// How a batched file walks its work.
    public enum Walk: Sendable, Equatable {
        /// Walk the keys of `column` in `table` in ascending order.
        case keys(table: String, column: String)
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
    /// The walk from `-- batch:`, or `nil` for a file that runs once in one transaction.
    public var walk: Walk?
    /// The line of the `-- batch:` header.
    public var walkLine: Int?
    /// The SQL after the header block.
    public var body: String
    /// The 1-based line of the file where `body` starts.
    public var bodyLine: Int
    /// A digest of the whole file.
    public var checksum: String

    /// The location of a line of the file.
    public func location(line: Int?) -> SourceLocation {
        SourceLocation(file: path, line: line)
    }

    /// The file line of the statement `sql`, found in the body; the body's first line if it is not found.
    public func line(ofStatement sql: String?) -> Int {
        guard let sql, let range = body.range(of: sql.trimmingPrefixWhitespace) else { return bodyLine }
        return bodyLine + body[..<range.lowerBound].count(where: { $0 == "\n" })
    }
}

extension String {
    fileprivate var trimmingPrefixWhitespace: Substring {
        drop(while: { $0.isWhitespace })
    }
}
