import Foundation

#if canImport(BatchEngine)
    import BatchEngine
#endif

/// The properties every outcome of the update-file parser and the cursor decoder must have, whatever the input.
///
/// The fuzzers in `Fuzz/` trap when one does not hold; `FuzzRegressionTests` replays saved inputs through them.
/// `Fuzz/run.sh` compiles this file into the fuzzers together with the engine's sources, hence the conditional import.
enum FuzzProperties {
    /// A well-formed name, so that the contents alone decide the outcome.
    static let fixedPath = "updates/0001_fuzz.sql"

    // MARK: - Update files

    /// Parses `data` under the fixed name and under a name made from its first line, as `Fuzz/ParserFuzzer.swift`,
    /// and splits its text into statements whether or not it is a valid file.
    static func parserViolations(_ data: Data) -> [String] {
        var violations = scriptViolations(String(decoding: data, as: UTF8.self))
        let fixed = outcome(path: fixedPath, data: data, violations: &violations)
        let varied = outcome(path: path(from: data), data: data, violations: &violations)
        if case .success(let file) = varied {
            guard case .success(let reference) = fixed else {
                return violations + ["accepted as \(file.path) but refused as \(fixedPath)"]
            }
            var renamed = file
            (renamed.id, renamed.path, renamed.number) = (reference.id, reference.path, reference.number)
            if renamed != reference { violations.append("the file name changed the parsed contents: \(file)") }
        }
        return violations
    }

    /// A file path made from the input's first bytes (up to the first newline), as the fuzzer makes it.
    static func path(from data: Data) -> String {
        let name = String(decoding: data.prefix(while: { $0 != 0x0A }).prefix(40), as: UTF8.self)
        switch (data.first ?? 0) % 4 {
        case 0: return name
        case 1: return name + ".sql"
        case 2: return "updates/nested/" + name + ".sql"
        default: return "/" + name
        }
    }

    /// Parses twice, checks that both parses agree and that the outcome has the properties of its kind.
    static func outcome(path: String, data: Data, violations: inout [String]) -> Result<UpdateFile, BatchError>? {
        let first = parseOnce(path: path, data: data, violations: &violations)
        let second = parseOnce(path: path, data: data, violations: &violations)
        if first.map(describe) != second.map(describe) { violations.append("two parses of \(path) differ") }
        return first
    }

    /// Parses once: a file must be well formed, an error must be an `.invalidInput` `BatchError` naming `path`.
    private static func parseOnce(
        path: String, data: Data, violations: inout [String]
    ) -> Result<UpdateFile, BatchError>? {
        let lineCount = lines(of: data)
        do {
            let file = try UpdateFileParser.parse(path: path, data: data)
            violations += acceptedViolations(file, path: path, data: data, lineCount: lineCount)
            return .success(file)
        } catch let error as BatchError {
            if error.status != .invalidInput { violations.append("status \(error.status) for \(path): \(error)") }
            if error.location?.file != path { violations.append("location \(String(describing: error.location))") }
            if let line = error.location?.line, !(1...lineCount).contains(line) {
                violations.append("line \(line) of a \(lineCount)-line file: \(error)")
            }
            if error.message.isEmpty { violations.append("an empty message for \(path)") }
            return .failure(error)
        } catch {
            violations.append("not a BatchError for \(path): \(type(of: error)): \(error)")
            return nil
        }
    }

    /// A comparable summary of an outcome.
    private static func describe(_ outcome: Result<UpdateFile, BatchError>) -> String {
        switch outcome {
        case .success(let file): "\(file)"
        case .failure(let error): error.description
        }
    }

    /// Checks an accepted file against the rules of README's update-file format.
    private static func acceptedViolations(
        _ file: UpdateFile, path: String, data: Data, lineCount: Int
    ) -> [String] {
        var violations: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { violations.append(message()) }
        }
        check(file.path == path, "path \(file.path) for \(path)")
        check(path.split(separator: "/").last.map(String.init) == file.id + ".sql", "id \(file.id) for \(path)")
        let digits = file.id.unicodeScalars.prefix(while: { ("0"..."9").contains($0) })
        let rest = file.id.unicodeScalars.dropFirst(digits.count)
        check(
            !digits.isEmpty && rest.first == "_" && rest.count > 1
                && rest.dropFirst().allSatisfy({ isPlainIdentifierScalar($0) || $0 == "-" }),
            "a malformed id was accepted: \(file.id)")
        check(Int(String(String.UnicodeScalarView(digits))) == file.number, "number \(file.number) for \(file.id)")
        check(
            file.checksum.count == 16 && file.checksum.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
            "checksum \(file.checksum)")
        check((1...lineCount).contains(file.bodyLine), "body line \(file.bodyLine) of \(lineCount)")
        check(file.body.utf8.contains(where: { !isWhitespace($0) }), "an empty body was accepted")
        check(data.suffix(file.body.utf8.count).elementsEqual(file.body.utf8), "the body is not the file's text")
        check(file.script == SQLScript(file.body, firstLine: file.bodyLine), "the script is not the body's")
        check(!file.script.statements.isEmpty, "a file without statements was accepted")
        for statement in file.script.statements {
            check((file.bodyLine...lineCount).contains(statement.line), "statement line \(statement.line)")
            let control = ["BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"]
            check(!control.contains(statement.keyword ?? ""), "transaction control accepted: \(statement.text)")
            check(!file.runsInTransaction || statement.keyword != "VACUUM", "VACUUM in a transaction")
        }
        check(file.runsInTransaction || file.walk == nil, "transaction: none with batch:")
        check(file.workers.map { $0 >= 1 && file.walk != nil } ?? true, "workers \(String(describing: file.workers))")
        check((file.walk == nil) == (file.walkLine == nil), "walk \(String(describing: file.walk))")
        check(file.after.isEmpty == (file.afterLine == nil), "after \(file.after)")
        for header in [file.walkLine, file.afterLine].compactMap({ $0 }) {
            check((1..<file.bodyLine).contains(header), "header line \(header), body at \(file.bodyLine)")
        }
        check(file.after.allSatisfy({ !$0.isEmpty && !$0.contains(" ") && !$0.contains(",") }), "after \(file.after)")
        switch file.walk {
        case nil:
            break
        case .integers(let first, let last):
            check(first <= last && first > Int64.min, "range \(first)..\(last)")
        case .keys(let table, let columns):
            check(
                ([table.schema, table.name].compactMap { $0 }).allSatisfy(isPlainIdentifier)
                    && "\(table)".split(separator: ".").count == (table.schema == nil ? 1 : 2),
                "table \(table)")
            check(!columns.isEmpty && columns.allSatisfy(isPlainIdentifier), "key columns \(columns)")
            check(Set(columns.map { $0.lowercased() }).count == columns.count, "repeated key columns \(columns)")
        }
        let bound = boundNames(of: file.walk)
        for name in bound { check(binds(name, in: file.body), "a batched body without :\(name)") }
        let named = file.script.statements.flatMap(\.parameters).filter(\.prefix.isNamed)
        check(named.allSatisfy { $0.prefix == .colon && bound.contains($0.name) }, "a parameter it does not bind")
        return violations
    }

    /// The names a walk binds, worked out again: `from` and `to`, or `from_c` and `to_c` for each column `c` of a
    /// composite key.
    static func boundNames(of walk: UpdateFile.Walk?) -> [String] {
        switch walk {
        case nil: []
        case .keys(_, let columns)? where columns.count > 1: columns.map { "from_" + $0 } + columns.map { "to_" + $0 }
        default: ["from", "to"]
        }
    }

    /// The number of lines of the text: one more than its `\n`s and its `\r`s that no `\n` follows.
    static func lines(of data: Data) -> Int {
        let bytes = Array(data)
        let breaks = bytes.indices.filter {
            bytes[$0] == 0x0A || bytes[$0] == 0x0D && bytes.dropFirst($0 + 1).first != 0x0A
        }
        return breaks.count + 1
    }

    /// True for ASCII letters, digits and '_', not starting with a digit.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy(isPlainIdentifierScalar)
    }

    /// True for an ASCII letter, digit or '_'.
    static func isPlainIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_")
    }

    /// True when `sql` holds the parameter `name` after a `:`, `@` or `$`, not followed by more of an identifier.
    static func binds(_ name: String, in sql: String) -> Bool {
        let scalars = Array(sql.unicodeScalars)
        let wanted = Array(name.unicodeScalars)
        for index in scalars.indices where ":@$".unicodeScalars.contains(scalars[index]) {
            let end = index + 1 + wanted.count
            guard end <= scalars.count, Array(scalars[(index + 1)..<end]) == wanted else { continue }
            guard end < scalars.count else { return true }
            let next = scalars[end]
            if !(next == "_" || next.properties.isAlphabetic || next.properties.numericType != nil) { return true }
        }
        return false
    }

    // MARK: - Cursors

    /// Decodes the input as a stored cursor when it is UTF-8 text, as `Fuzz/CursorFuzzer.swift`.
    static func cursorViolations(_ data: Data) -> [String] {
        guard let text = String(validating: data, as: UTF8.self) else { return [] }
        do {
            return cursorRoundTrip(try Cursor(serialized: text))
        } catch let error as CursorDecodingError {
            return error.text == text ? [] : ["the error carries \(error.text.debugDescription)"]
        } catch {
            return ["not a CursorDecodingError: \(type(of: error)): \(error)"]
        }
    }

    /// A decoded cursor must survive a round trip through its serialized form and through a database value.
    static func cursorRoundTrip(_ cursor: Cursor) -> [String] {
        let serialized = cursor.serialized
        guard let again = try? Cursor(serialized: serialized) else {
            return ["\(cursor) serializes to \(serialized.debugDescription), which does not decode"]
        }
        var violations: [String] = []
        if again != cursor { violations.append("\(cursor) comes back as \(again)") }
        if again.hashValue != cursor.hashValue { violations.append("equal cursors hash differently: \(cursor)") }
        if again.serialized != serialized { violations.append("serializing is not stable: \(serialized)") }
        if case .composite = cursor { return violations }
        let value = cursor.sqlValue
        if value.flatMap({ Cursor($0) }) != cursor {
            violations.append("\(cursor) binds as \(String(describing: value))")
        }
        return violations
    }
}
