/// A step defined by an update file: run once, or walked in ranges of keys or integers.
public struct SQLFileStep: Step {
    /// The parsed file.
    public let file: UpdateFile
    /// The previous file of the same phase in its folder, then the file's `after:` ids.
    public let dependencies: [String]
    private let queries: KeyWalkQueries?

    /// Creates the step for `file`.
    public init(file: UpdateFile, dependencies: [String]) {
        self.file = file
        self.dependencies = dependencies
        queries = Self.singleKey(of: file).map { KeyWalkQueries(table: $0.table, column: $0.column) }
    }

    /// The file name without `.sql`.
    public var id: String { file.id }
    /// From the `phase:` header.
    public var phase: Phase { file.phase }
    /// The digest of the file's bytes.
    public var checksum: String { file.checksum }
    /// The file.
    public var origin: SourceLocation? { file.location(line: nil) }

    /// The line of the file holding `sql`.
    public func location(ofStatement sql: String?) -> SourceLocation? {
        file.location(line: file.line(ofStatement: sql))
    }

    /// The table's row count for a key walk, the interval's length for an integer walk.
    public func estimateTotal(in database: any SQLExecutor) throws -> Int? {
        switch file.walk {
        case nil:
            return nil
        case .keys:
            _ = try singleKey()
            return try database.firstRow(queries!.count, [])?.first?.integer.map(Int.init)
        case .integers(let first, let last):
            // No estimate when the count itself overflows (range=0..9223372036854775807).
            let (span, overflow) = last.subtractingReportingOverflow(first)
            return overflow || span == .max ? nil : Int(span + 1)
        }
    }

    /// Runs a one-shot file; checks a key walk's table and column and runs its statements over an empty range.
    public func rehearse(in sandbox: any SQLExecutor) throws {
        try requireTransaction()
        switch file.walk {
        case nil:
            try sandbox.execute(file.body, parameters: [:])
        case .keys:
            let (table, column) = try singleKey()
            let key: KeyColumn
            do {
                key = try sandbox.keyColumn(table: table, column: column)
            } catch let problem as KeyColumnProblem {
                throw BatchError(
                    .invalidInput, "batch: \(problem)", location: file.location(line: file.walkLine), step: id)
            }
            try sandbox.execute(file.body, parameters: ["from": key.lowerBound, "to": key.lowerBound])
        case .integers(let first, _):
            try sandbox.execute(file.body, parameters: ["from": .integer(first - 1), "to": .integer(first - 1)])
        }
    }

    /// Runs the file once, or the next range of its walk.
    public func run(from cursor: Cursor?, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        try requireTransaction()
        switch file.walk {
        case nil:
            let before = database.totalChanges
            try database.execute(file.body, parameters: [:])
            return RangeResult(processed: database.totalChanges - before, next: nil)
        case .keys:
            let (table, column) = try singleKey()
            let from = try cursor.map(bound(of:)) ?? firstBound(table: table, column: column, in: database)
            let (count, to) = try rangeEnd(after: from, limit: limit, in: database)
            guard count > 0, let to, let next = Cursor(to) else {
                try requireNoNullKeys(table: table, column: column, in: database)
                return RangeResult(processed: 0, next: nil)
            }
            try database.execute(file.body, parameters: ["from": from, "to": to])
            if count < limit { try requireNoNullKeys(table: table, column: column, in: database) }
            return RangeResult(processed: count, next: count < limit ? nil : next)
        case .integers(let first, let last):
            let from: Int64
            switch cursor {
            case nil: from = first - 1
            case .integer(let value)?: from = value
            case let other?: throw unexpected(other)
            }
            let (sum, overflow) = from.addingReportingOverflow(Int64(limit))
            let to = overflow ? last : min(last, sum)
            guard to > from else { return RangeResult(processed: 0, next: nil) }
            try database.execute(file.body, parameters: ["from": .integer(from), "to": .integer(to)])
            return RangeResult(processed: Int(to - from), next: to == last ? nil : .integer(to))
        }
    }

    /// The table and column of a walk over one key column of a table in the default schema, the key walks this step
    /// runs for now; `nil` for any other walk.
    private static func singleKey(of file: UpdateFile) -> (table: String, column: String)? {
        guard case .keys(let table, let columns) = file.walk, table.schema == nil, columns.count == 1 else {
            return nil
        }
        return (table.name, columns[0])
    }

    /// The key walk's table and column; composite keys and schema-qualified tables are refused until the step runs
    /// them.
    private func singleKey() throws -> (table: String, column: String) {
        guard let key = Self.singleKey(of: file) else {
            throw BatchError(
                .invalidInput,
                "batch: composite keys and schema-qualified tables are not supported yet; walk one column of a table"
                    + " in the default schema",
                location: file.location(line: file.walkLine), step: id)
        }
        return key
    }

    /// A `transaction: none` file is refused rather than run inside the engine's transaction against its header.
    private func requireTransaction() throws {
        guard !file.runsInTransaction else { return }
        throw BatchError(
            .invalidInput,
            "transaction: none is not supported yet: every file runs inside the engine's transaction for now",
            location: file.location(line: nil), step: id)
    }

    /// The keys a range covers: the `limit`-th key after `from`, found by an index seek, or for the last range the
    /// remaining keys, counted.
    private func rangeEnd(after from: SQLValue, limit: Int, in database: any SQLExecutor) throws -> (Int, SQLValue?) {
        if let end = try database.firstRow(queries!.rangeEnd, [from, .integer(Int64(limit - 1))]) {
            return (limit, end[0])
        }
        let rest = try database.firstRow(queries!.lastRange, [from])
        return (Int(rest?[0].integer ?? 0), rest?[1])
    }

    private func bound(of cursor: Cursor) throws -> SQLValue {
        guard let value = cursor.sqlValue else { throw unexpected(cursor) }
        return value
    }

    /// The `:from` of the first range: below every key. Keys a walk could never reach (NULL, or not above that
    /// bound) stop the step rather than being skipped silently.
    private func firstBound(table: String, column: String, in database: any SQLExecutor) throws -> SQLValue {
        let key = try database.keyColumn(table: table, column: column)
        try requireNoNullKeys(table: table, column: column, in: database)
        if try database.firstRow(queries!.keyAtOrBelow, [key.lowerBound]) != nil {
            throw BatchError(
                .stepFailed,
                "column '\(column)' of '\(table)' holds a key no walk can start below (-infinity, or '' in a text column)",
                location: file.location(line: file.walkLine), step: id)
        }
        return key.lowerBound
    }

    /// Keys a walk could never reach stop the step instead of being skipped; checked before the first range and in
    /// the range that finishes the walk, so NULL keys written meanwhile are caught too.
    private func requireNoNullKeys(table: String, column: String, in database: any SQLExecutor) throws {
        guard try database.firstRow(queries!.nullKey, []) != nil else { return }
        throw BatchError(
            .stepFailed, "column '\(column)' of '\(table)' holds NULL keys, which a keyset walk cannot reach",
            location: file.location(line: file.walkLine), step: id)
    }

    private func unexpected(_ cursor: Cursor) -> BatchError {
        BatchError(
            .stepFailed, "stored cursor \(cursor.serialized) does not fit this step's walk",
            location: file.location(line: file.walkLine), step: id)
    }
}

/// The statements of a key walk, built once per step with quoted identifiers.
private struct KeyWalkQueries: Sendable {
    let count: String
    let rangeEnd: String
    let lastRange: String
    let nullKey: String
    let keyAtOrBelow: String

    init(table: String, column: String) {
        let table = table.quotedIdentifier
        let column = column.quotedIdentifier
        count = "SELECT count(*) FROM \(table)"
        rangeEnd = "SELECT \(column) FROM \(table) WHERE \(column) > ? ORDER BY \(column) LIMIT 1 OFFSET ?"
        lastRange = "SELECT count(*), max(\(column)) FROM \(table) WHERE \(column) > ?"
        nullKey = "SELECT 1 FROM \(table) WHERE \(column) IS NULL LIMIT 1"
        keyAtOrBelow = "SELECT 1 FROM \(table) WHERE \(column) <= ? LIMIT 1"
    }
}
