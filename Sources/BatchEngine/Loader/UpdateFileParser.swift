import Foundation

/// Parses one update file: its name, its `-- key: value` header block and its SQL body.
///
/// Every problem is a `BatchError` with status `.invalidInput` that names the file and, where one is to blame,
/// the line.
public enum UpdateFileParser {
    /// The header keys a file may use.
    public static let knownHeaders = ["batch", "after", "phase", "transaction", "workers"]

    /// Parses the file at `path` whose contents are `data`.
    public static func parse(path: String, data: Data) throws -> UpdateFile {
        // Split by hand: NSString's path methods trap on some paths on Linux (found by fuzzing).
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let (number, id) = try identity(ofFileNamed: name, path: path)
        let text = try decode(data, path: path)
        var file = UpdateFile(
            id: id, path: path, number: number, phase: .update, after: [], afterLine: nil, walk: nil, walkLine: nil,
            runsInTransaction: true, workers: nil, body: "", bodyLine: 1, script: SQLScript(""),
            checksum: Checksum.of(data))
        // Lines break at LineBreak's breaks only; the body is then the rest of the text as it is.
        let bytes = Array(text.utf8)
        var headerLines: [String: Int] = [:]
        var (lineStart, lineNumber) = (0, 1)
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, LineBreak.length(at: lineEnd, in: bytes) == 0 { lineEnd += 1 }
            let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard line.isEmpty || line.hasPrefix("--") else { break }
            if let (key, value) = try header(in: line, file: file, line: lineNumber) {
                let location = file.location(line: lineNumber)
                if key != "after" && headerLines.updateValue(lineNumber, forKey: key) != nil {
                    throw BatchError(.invalidInput, "header '\(key):' appears twice", location: location)
                }
                try apply(key: key, value: value, line: lineNumber, to: &file, at: location)
            }
            lineStart = lineEnd + LineBreak.length(at: lineEnd, in: bytes)
            lineNumber += 1
        }
        file.body = String(text[text.utf8.index(text.utf8.startIndex, offsetBy: lineStart)...])
        file.bodyLine = lineNumber
        file.script = SQLScript(file.body, firstLine: file.bodyLine)
        try checkCombination(of: file, headerLines: headerLines)
        try checkBody(of: file)
        return file
    }

    /// Splits `NNNN_description.sql` into its number and id.
    static func identity(ofFileNamed name: String, path: String) throws -> (Int, String) {
        let problem = BatchError(
            .invalidInput,
            "update files must be named NNNN_description.sql (digits, '_', then letters, digits, '_' or '-')",
            location: SourceLocation(file: path))
        guard name.hasSuffix(".sql") else { throw problem }
        let id = String(name.dropLast(4))
        let digits = id.prefix(while: \.isASCIIDigit)
        let rest = id.dropFirst(digits.count)
        guard !digits.isEmpty, rest.first == "_", rest.count > 1,
            rest.dropFirst().allSatisfy({ $0.isASCIIIdentifierCharacter || $0 == "-" }),
            let number = Int(digits)
        else { throw problem }
        return (number, id)
    }

    private static func decode(_ data: Data, path: String) throws -> String {
        if let zero = data.firstIndex(of: 0) {
            throw BatchError(
                .invalidInput, "binary file: a NUL byte at offset \(zero - data.startIndex); update files are SQL text",
                location: SourceLocation(file: path))
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw BatchError(.invalidInput, "not valid UTF-8 text", location: SourceLocation(file: path))
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// A `-- key: value` header, `nil` for a free comment or a blank line.
    private static func header(in line: String, file: UpdateFile, line number: Int) throws -> (String, String)? {
        guard line.hasPrefix("--") else { return nil }
        let content = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        let word = content.prefix(while: { $0.isLowercase && $0.isASCII || $0 == "-" })
        let afterWord = content.dropFirst(word.count)
        guard !word.isEmpty else { return nil }
        if afterWord.first == ":" {
            let key = String(word)
            guard knownHeaders.contains(key) else {
                throw BatchError(
                    .invalidInput,
                    "unknown header '\(key):'; known headers are \(knownHeaders.map { "'\($0):'" }.joined(separator: ", "))",
                    location: file.location(line: number))
            }
            return (key, afterWord.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        if knownHeaders.contains(String(word)), afterWord.isEmpty || afterWord.first == " " {
            throw BatchError(
                .invalidInput, "header '\(word)' needs a colon: '-- \(word): ...'",
                location: file.location(line: number))
        }
        return nil
    }

    private static func apply(
        key: String, value: String, line: Int, to file: inout UpdateFile, at location: SourceLocation
    ) throws {
        switch key {
        case "phase":
            guard let phase = Phase(rawValue: value) else {
                throw BatchError(.invalidInput, "phase must be 'update' or 'post', not '\(value)'", location: location)
            }
            file.phase = phase
        case "after":
            let ids = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !ids.isEmpty, ids.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                throw BatchError(.invalidInput, "after: takes step ids separated by commas", location: location)
            }
            file.after += ids
            file.afterLine = file.afterLine ?? line
        case "transaction":
            guard value == "none" else {
                throw BatchError(
                    .invalidInput,
                    "transaction: takes only 'none' (run the statements outside a transaction), not '\(value)'",
                    location: location)
            }
            file.runsInTransaction = false
        case "workers":
            guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let workers = Int(value), workers >= 1 else {
                throw BatchError(
                    .invalidInput,
                    "workers: takes a whole number of at least 1 (1: never split the step), not '\(value)'",
                    location: location)
            }
            file.workers = workers
        default:
            file.walk = try walk(from: value, at: location)
            file.walkLine = line
        }
    }

    /// Headers that each make sense alone but not together.
    private static func checkCombination(of file: UpdateFile, headerLines: [String: Int]) throws {
        if !file.runsInTransaction, file.walk != nil {
            throw BatchError(
                .invalidInput,
                "transaction: none cannot be combined with batch: each range must commit in one transaction with its"
                    + " cursor, or a crash could repeat or skip it",
                location: file.location(line: headerLines["transaction"]))
        }
        if file.workers != nil, file.walk == nil {
            throw BatchError(
                .invalidInput, "workers: applies to a batched file; without 'batch:' the file runs once, on one worker",
                location: file.location(line: headerLines["workers"]))
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIIdentifierCharacter: Bool { isASCII && (isLetter || isNumber || self == "_") }
}
