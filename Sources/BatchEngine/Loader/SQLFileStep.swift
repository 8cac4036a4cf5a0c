/// A step defined by an update file: run once, or walked in ranges of keys or integers, which several workers may
/// share by splitting the walk into chunks.
public struct SQLFileStep: Step {
    /// The parsed file.
    public let file: UpdateFile
    /// The previous file of the same phase in its folder, then the file's `after:` ids.
    public let dependencies: [String]
    private let keys: KeyWalk?

    /// Creates the step for `file`.
    public init(file: UpdateFile, dependencies: [String]) {
        self.file = file
        self.dependencies = dependencies
        if case .keys(let table, let columns) = file.walk {
            keys = KeyWalk(table: table, columns: columns)
        } else {
            keys = nil
        }
    }

    /// The file name without `.sql`.
    public var id: String { file.id }
    /// From the `phase:` header.
    public var phase: Phase { file.phase }
    /// The digest of the file's bytes.
    public var checksum: String { file.checksum }
    /// The file.
    public var origin: SourceLocation? { file.location(line: nil) }
    /// From the `workers:` header; a file that runs once has one.
    public var maxWorkers: Int { file.walk == nil ? 1 : file.workers ?? .max }
    /// False for `transaction: none`.
    public var isTransactional: Bool { file.runsInTransaction }
    /// True for a file with a `batch:` header.
    public var isBatched: Bool { file.walk != nil }

    /// The line of the file holding `sql`.
    public func location(ofStatement sql: String?) -> SourceLocation? {
        file.location(line: file.line(ofStatement: sql))
    }

    /// The table's estimated rows for a key walk, the interval's length for an integer walk.
    public func estimateTotal(in database: any SQLExecutor) throws -> Int? {
        switch file.walk {
        case nil:
            return nil
        case .keys(let table, _):
            return try database.estimatedRows(in: table)
        case .integers(let first, let last):
            // No estimate when the count itself overflows (range=0..9223372036854775807).
            let (span, overflow) = last.subtractingReportingOverflow(first)
            return overflow || span == .max ? nil : Int(span + 1)
        }
    }

    /// Runs a one-shot file; checks a key walk's table and columns and runs its statements over an empty range.
    /// `VACUUM` changes no schema and cannot run in the rehearsal's transaction, so it is not rehearsed.
    public func rehearse(in sandbox: any SQLExecutor) throws {
        switch file.walk {
        case nil:
            for statement in file.script.statements where statement.keyword != "VACUUM" {
                try sandbox.run(statement, bindings: [:])
            }
        case .keys:
            let index = try keyIndex(in: sandbox)
            let least = index.columns.map { $0.leastValue ?? .null }
            try runStatements(bindings(from: firstBound(index, guarded: isGuarded), to: least), in: sandbox)
        case .integers(let first, _):
            try runStatements(["from": .integer(first - 1), "to": .integer(first - 1)], in: sandbox)
        }
    }

    /// Runs the file once, or the next range of its walk.
    public func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        switch file.walk {
        case nil:
            return RangeResult(processed: try runStatements([:], in: database), next: nil)
        case .keys:
            return try walkKeys(range, limit: limit, in: database)
        case .integers(let first, let last):
            let from = try range.after.map(integer) ?? first - 1
            let end = try range.through.map(integer) ?? last
            let (sum, overflow) = from.addingReportingOverflow(Int64(limit))
            let to = overflow ? end : min(end, sum)
            guard to > from else { return RangeResult(processed: 0, next: nil) }
            try runStatements(["from": .integer(from), "to": .integer(to)], in: database)
            return RangeResult(processed: Int(to - from), next: to == end ? nil : .integer(to))
        }
    }

    /// Keys at quantiles of a sample of the table, or evenly spaced integers.
    public func splitPoints(into count: Int, in database: any SQLExecutor) throws -> [Cursor] {
        guard count > 1 else { return [] }
        switch file.walk {
        case nil:
            return []
        case .keys(let table, let columns):
            guard try canStart(in: database) else { return [] }
            let sample = try database.sampleKeys(of: table, columns, about: 64 * count)
            var points: [Cursor] = []
            for part in 1..<count {
                guard let point = keys?.cursor(of: sample[part * sample.count / count]), points.last != point
                else { continue }
                points.append(point)
            }
            return sample.count >= count ? points : []
        case .integers(let first, let last):
            let span = Double(last) - Double(first) + 1
            guard span >= Double(count) * 2 else { return [] }
            return (1..<count).map { .integer(first - 1 + Int64(span * Double($0) / Double(count))) }
        }
    }

    /// The key `remaining / 2` keys into the range, found by an index seek; or the middle integer.
    public func splitPoint(of range: WorkRange, remaining: Int, in database: any SQLExecutor) throws -> Cursor? {
        switch file.walk {
        case nil:
            return nil
        case .keys:
            guard let keys, remaining >= 2, try range.after != nil || canStart(in: database) else { return nil }
            let (sql, arguments) = keys.keys(
                at: remaining / 2, count: 1, after: try range.after.map(values), through: try range.through.map(values))
            guard let row = try database.firstRow(sql, arguments), let point = keys.cursor(of: row),
                point != range.through
            else { return nil }
            return point
        case .integers(let first, let last):
            let from = try range.after.map(integer) ?? first - 1
            let to = try range.through.map(integer) ?? last
            let middle = from + (to - from) / 2
            return middle > from && middle < to ? .integer(middle) : nil
        }
    }

    // MARK: - Key walks

    /// One range of a key walk: its end found by an index seek from its start, within the chunk's bound. The
    /// catalog is read only where the walk starts or ends, where NULL keys and the first bound are checked.
    private func walkKeys(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        guard let keys else { return RangeResult(processed: 0, next: nil) }
        let after = try range.after.map(values)
        let through = try range.through.map(values)
        var index: KeyIndex?
        func described() throws -> KeyIndex {
            if let index { return index }
            let described = try keyIndex(in: database)
            index = described
            return described
        }
        if after == nil { try requireNoNullKeys(described(), in: database) }
        let end = try rangeEnd(after: after, through: through, limit: limit, in: database)
        guard end.count > 0, let last = end.last, let next = keys.cursor(of: last) else {
            if through == nil { try requireNoNullKeys(described(), in: database) }
            return RangeResult(processed: 0, next: nil)
        }
        let from = try after ?? firstBound(described(), guarded: isGuarded, in: database)
        try runStatements(bindings(from: from, to: last), in: database)
        let atEnd = end.count < limit || next == range.through
        if atEnd && through == nil { try requireNoNullKeys(described(), in: database) }
        let processed = end.lastRepeats ? try rows(after: after, through: last, in: database) : end.count
        return RangeResult(processed: processed, next: atEnd ? nil : next)
    }

    /// A range's extent: how many keys it holds, its last key, and whether the key after it is that key again
    /// (duplicate keys, all of which the range takes).
    private struct RangeEnd {
        var count: Int
        var last: [SQLValue]?
        var lastRepeats = false
    }

    /// The `limit`-th key after the range's start and the one after it, found by an index seek; or for the chunk's
    /// last range the keys left, counted.
    private func rangeEnd(
        after: [SQLValue]?, through: [SQLValue]?, limit: Int, in database: any SQLExecutor
    ) throws -> RangeEnd {
        guard let keys else { return RangeEnd(count: 0) }
        let (seek, seekArguments) = keys.keys(at: limit - 1, count: 2, after: after, through: through)
        var found: [[SQLValue]] = []
        try database.forEachRow(seek, seekArguments) { found.append($0) }
        if let last = found.first {
            return RangeEnd(count: limit, last: last, lastRepeats: found.count == 2 && found[1] == last)
        }
        let (count, countArguments) = keys.count(after: after, through: through)
        let remaining = Int(try database.firstRow(count, countArguments)?.first?.integer ?? 0)
        guard remaining > 0 else { return RangeEnd(count: 0) }
        let (lastKey, lastArguments) = keys.lastKey(after: after, through: through)
        return RangeEnd(count: remaining, last: try database.firstRow(lastKey, lastArguments))
    }

    /// The rows of a range whose last key may repeat: every row with that key is in the range.
    private func rows(after: [SQLValue]?, through: [SQLValue], in database: any SQLExecutor) throws -> Int {
        guard let keys else { return 0 }
        let (count, arguments) = keys.count(after: after, through: through)
        return Int(try database.firstRow(count, arguments)?.first?.integer ?? 0)
    }

    /// The key index, or a clear error naming the `batch:` line.
    private func keyIndex(in database: any SQLExecutor) throws -> KeyIndex {
        guard let keys else { throw BatchError(.stepFailed, "not a key walk", step: id) }
        do {
            return try database.keyIndex(of: keys.table, keys.columns)
        } catch let problem as KeyColumnProblem {
            throw BatchError(.invalidInput, "batch: \(problem)", location: file.location(line: file.walkLine), step: id)
        }
    }

    /// Whether the body tests `:from IS NULL` (the leading column's `:from_a` for a composite key): it then handles
    /// a first range that starts before every key, and gets NULL there.
    private var isGuarded: Bool {
        guard let name = keys?.bindingNames("from").first else { return false }
        return file.script.statements.contains { statement in
            statement.tokens.indices.contains { index in
                let tokens = statement.tokens
                guard index + 2 < tokens.count, case .parameter = tokens[index].kind,
                    statement.text[tokens[index].range].dropFirst() == name
                else { return false }
                return tokens[index + 1].word == "IS" && tokens[index + 2].word == "NULL"
            }
        }
    }

    /// The `:from` values of a walk's first range, which must be below every key: NULL for a body that tests for it,
    /// else the least value of each column's type; for that, no key may hold the least value itself.
    private func firstBound(_ index: KeyIndex, guarded: Bool, in database: any SQLExecutor) throws -> [SQLValue] {
        let least = firstBound(index, guarded: guarded)
        guard !guarded, let keys else { return least }
        guard let lead = index.columns[0].leastValue else {
            throw firstRangeProblem("its type has no least value batchrun knows")
        }
        if try database.firstRow(keys.keyAtOrBelow, [lead]) != nil {
            throw firstRangeProblem("a key holds the least value of its type, which nothing sorts below")
        }
        return least
    }

    /// Whether the walk's first range can start: no NULL key, and a first bound below every key. A walk that
    /// cannot is never split, so its first range fails the step alone, before any other worker wrote a row of it.
    private func canStart(in database: any SQLExecutor) throws -> Bool {
        do {
            let index = try keyIndex(in: database)
            try requireNoNullKeys(index, in: database)
            _ = try firstBound(index, guarded: isGuarded, in: database)
            return true
        } catch is BatchError {
            return false
        }
    }

    /// The `:from` values of a first range, before the check that they are below every key.
    private func firstBound(_ index: KeyIndex, guarded: Bool) -> [SQLValue] {
        index.columns.map { guarded ? .null : $0.leastValue ?? .null }
    }

    private func firstRangeProblem(_ why: String) -> BatchError {
        let column = keys?.columns[0] ?? "?"
        let name = keys?.bindingNames("from").first ?? "from"
        return BatchError(
            .stepFailed,
            "no :\(name) can start the walk below every key of '\(column)': \(why). Write the condition as"
                + " (\(column) > :\(name) OR :\(name) IS NULL); batchrun then binds :\(name) as NULL on the first range",
            location: file.location(line: file.walkLine), step: id)
    }

    /// Keys a walk could never reach stop the step instead of being skipped; checked before the first range and in
    /// the range that finishes the walk, so NULL keys written meanwhile are caught too.
    private func requireNoNullKeys(_ index: KeyIndex, in database: any SQLExecutor) throws {
        let nullable = index.columns.filter(\.nullable).map(\.name)
        guard let keys, !nullable.isEmpty, try database.firstRow(keys.nullKey(in: nullable), []) != nil else { return }
        throw BatchError(
            .stepFailed,
            "\(nullable.count == 1 ? "column" : "columns") '\(nullable.joined(separator: ", "))' of"
                + " '\(keys.table)' \(nullable.count == 1 ? "holds" : "hold") NULL keys, which a keyset walk cannot reach",
            location: file.location(line: file.walkLine), step: id)
    }

    /// The bindings of a range from its bounds' values.
    private func bindings(from: [SQLValue], to: [SQLValue]) -> [String: SQLValue] {
        guard let keys else { return [:] }
        var bindings: [String: SQLValue] = [:]
        for (name, value) in zip(keys.bindingNames("from"), from) { bindings[name] = value }
        for (name, value) in zip(keys.bindingNames("to"), to) { bindings[name] = value }
        return bindings
    }

    // MARK: - Statements and cursors

    /// Runs every statement of the body, in order, with `bindings`.
    /// - Returns: the rows they changed.
    @discardableResult
    private func runStatements(_ bindings: [String: SQLValue], in database: any SQLExecutor) throws -> Int {
        try file.script.statements.reduce(0) { changed, statement in
            changed + (try database.run(statement, bindings: bindings))
        }
    }

    private func values(_ cursor: Cursor) throws -> [SQLValue] {
        guard let values = keys?.values(of: cursor) else { throw unexpected(cursor) }
        return values
    }

    private func integer(_ cursor: Cursor) throws -> Int64 {
        guard case .integer(let value) = cursor else { throw unexpected(cursor) }
        return value
    }

    private func unexpected(_ cursor: Cursor) -> BatchError {
        BatchError(
            .stepFailed, "stored cursor \(cursor.serialized) does not fit this step's walk",
            location: file.location(line: file.walkLine), step: id)
    }
}
