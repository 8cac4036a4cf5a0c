extension UpdateFileParser {
    /// A body must hold SQL that can run the way the headers say: no statement controlling the transaction, none
    /// that refuses a transaction unless the file has `transaction: none`, and exactly the parameters its walk binds.
    /// The first problem in the file's order is reported, at its line.
    static func checkBody(of file: UpdateFile) throws {
        guard !file.script.statements.isEmpty else {
            throw BatchError(.invalidInput, "no SQL statement in the file", location: file.location(line: nil))
        }
        let bound = file.walk?.parameterNames ?? []
        for statement in file.script.statements {
            try checkTransaction(of: statement, in: file)
            for parameter in statement.parameters where parameter.prefix != .questionMark {
                guard parameter.prefix != .colon || !bound.contains(parameter.name) else { continue }
                throw BatchError(
                    .invalidInput, problem(with: parameter, bound: bound),
                    location: file.location(line: parameter.line))
            }
        }
        let used = Set(file.script.statements.flatMap(\.parameters).map(\.spelling))
        guard let walk = file.walk, let missing = bound.first(where: { !used.contains(":" + $0) }) else { return }
        throw BatchError(
            .invalidInput, "a batched file must bind :\(missing) (\(explanation(of: walk)))",
            location: file.location(line: file.walkLine))
    }

    private static func checkTransaction(of statement: SQLStatement, in file: UpdateFile) throws {
        if let command = statement.transactionControl {
            throw BatchError(
                .invalidInput,
                "\(command) controls the transaction, which batchrun owns: it commits each file, or each range with"
                    + " its cursor; remove the statement",
                location: file.location(line: statement.line))
        }
        if file.runsInTransaction, let command = statement.refusedInTransaction {
            throw BatchError(
                .invalidInput,
                "\(command) cannot run inside a transaction; give the file the header '-- transaction: none' (its"
                    + " statements then run outside one, at least once)",
                location: file.location(line: statement.line))
        }
    }

    /// Why `parameter` may not appear in a file that binds `bound`.
    private static func problem(with parameter: SQLParameter, bound: [String]) -> String {
        guard !bound.isEmpty else {
            return "parameter \(parameter.spelling) in a file without a 'batch:' header; only batched files bind"
                + " parameters"
        }
        let spelled = bound.map { ":" + $0 }
        let binds = "this file binds \(spelled.dropLast().joined(separator: ", ")) and \(spelled.last!)"
        guard !bound.contains(parameter.name) else {
            return
                "parameter \(parameter.spelling) is written with the wrong prefix: write :\(parameter.name); \(binds)"
        }
        return "unknown parameter \(parameter.spelling); \(binds)"
    }

    /// What the parameters of a walk's range mean.
    private static func explanation(of walk: UpdateFile.Walk) -> String {
        guard case .keys(_, let columns) = walk, columns.count > 1 else {
            return "its statements run once per range, :from exclusive, :to inclusive"
        }
        let key = "(\(columns.joined(separator: ", ")))"
        let (from, to) = (walk.parameterNames.prefix(columns.count), walk.parameterNames.suffix(columns.count))
        return "its statements run once per range of \(key), from (\(from.map { ":" + $0 }.joined(separator: ", ")))"
            + " exclusive to (\(to.map { ":" + $0 }.joined(separator: ", "))) inclusive"
    }
}
