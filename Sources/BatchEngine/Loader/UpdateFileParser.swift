import Foundation

/// Parses one update file: its name, its `-- key: value` header block and its SQL body.
///
/// Every problem is a `BatchError` with status `.invalidInput` that names the file and, where one is to blame,
/// the line.
public enum UpdateFileParser {
    /// The header keys a file may use.
    public static let knownHeaders = ["batch", "after", "phase"]

    /// Parses the file at `path` whose contents are `data`.
    public static func parse(path: String, data: Data) throws -> UpdateFile {
        // Split by hand: NSString's path methods trap on some paths on Linux (found by fuzzing).
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let (number, id) = try identity(ofFileNamed: name, path: path)
        let text = try decode(data, path: path)
        var file = UpdateFile(
            id: id, path: path, number: number, phase: .update, after: [], afterLine: nil, walk: nil, walkLine: nil,
            body: "", bodyLine: 1, checksum: Checksum.of(data))
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var seen: Set<String> = []
        var bodyStart = lines.count
        for (offset, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard line.isEmpty || line.hasPrefix("--") else {
                bodyStart = offset
                break
            }
            guard let (key, value) = try header(in: line, file: file, line: offset + 1) else { continue }
            let location = file.location(line: offset + 1)
            if key != "after" && !seen.insert(key).inserted {
                throw BatchError(.invalidInput, "header '\(key):' appears twice", location: location)
            }
            try apply(key: key, value: value, line: offset + 1, to: &file, at: location)
        }
        file.body = lines[bodyStart...].joined(separator: "\n")
        file.bodyLine = bodyStart + 1
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
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
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
        default:
            file.walk = try walk(from: value, at: location)
            file.walkLine = line
        }
    }

    private static func walk(from value: String, at location: SourceLocation) throws -> UpdateFile.Walk {
        var settings: [String: String] = [:]
        for pair in value.split(separator: " ", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw BatchError(.invalidInput, "batch: expected name=value, got '\(pair)'", location: location)
            }
            guard ["table", "key", "range"].contains(parts[0]) else {
                throw BatchError(
                    .invalidInput, "batch: unknown setting '\(parts[0])'; use table= and key=, or range=FIRST..LAST",
                    location: location)
            }
            guard settings.updateValue(parts[1], forKey: parts[0]) == nil else {
                throw BatchError(.invalidInput, "batch: '\(parts[0])' is given twice", location: location)
            }
        }
        switch (settings["table"], settings["key"], settings["range"]) {
        case (let table?, let key?, nil):
            for identifier in [table, key] where !identifier.isSQLIdentifier {
                throw BatchError(
                    .invalidInput, "batch: '\(identifier)' is not a plain identifier (letters, digits, '_')",
                    location: location)
            }
            return .keys(table: table, column: key)
        case (nil, nil, let range?):
            let bounds = range.components(separatedBy: "..")
            guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]), first <= last,
                first > Int64.min
            else {
                throw BatchError(
                    .invalidInput, "batch: range must be FIRST..LAST with integers FIRST <= LAST, not '\(range)'",
                    location: location)
            }
            return .integers(first: first, last: last)
        default:
            throw BatchError(
                .invalidInput, "batch: give both table= and key=, or range=FIRST..LAST alone", location: location)
        }
    }

    /// A body must hold SQL; a batched one binds `:from` and `:to`, and nothing else is bound.
    private static func checkBody(of file: UpdateFile) throws {
        guard !SQLParameterScanner.isBlank(file.body) else {
            throw BatchError(
                .invalidInput, "no SQL statement in the file", location: file.location(line: nil))
        }
        let parameters = SQLParameterScanner.parameters(in: file.body)
        let allowed: Set<String> = file.walk == nil ? [] : ["from", "to"]
        if let stray = parameters.first(where: { !allowed.contains($0.name) }) {
            let shown = stray.name == "?" ? "?" : ":\(stray.name)"
            let why =
                file.walk == nil
                ? "parameter \(shown) in a file without a 'batch:' header; only batched files bind :from and :to"
                : "unknown parameter \(shown); batched files bind only :from and :to"
            throw BatchError(.invalidInput, why, location: file.location(line: file.bodyLine + stray.line))
        }
        if file.walk != nil {
            let names = Set(parameters.map(\.name))
            for required in ["from", "to"] where !names.contains(required) {
                throw BatchError(
                    .invalidInput,
                    "a batched file must bind :\(required) (its statement runs once per range, :from exclusive, :to inclusive)",
                    location: file.location(line: file.walkLine))
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIIdentifierCharacter: Bool { isASCII && (isLetter || isNumber || self == "_") }
}
