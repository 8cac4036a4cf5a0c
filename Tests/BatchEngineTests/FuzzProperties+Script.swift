import Foundation

#if canImport(BatchEngine)
    import BatchEngine
#endif

extension FuzzProperties {
    /// Splits `text` into statements and checks what any split must be: each statement's text is a trimmed piece of
    /// `text`, in order; its tokens cover it in order; its parameters are its parameter tokens, written as they are
    /// spelled; rendering them as written gives the text back; and splitting a statement again gives that statement.
    static func scriptViolations(_ text: String) -> [String] {
        let script = SQLScript(text, firstLine: 1)
        var violations: [String] = []
        if SQLScript(text, firstLine: 1) != script { violations.append("two splits differ") }
        let bytes = Array(text.utf8)
        let lineCount = lines(of: Data(bytes))
        var searchFrom = 0
        var previousLine = 1
        for statement in script.statements {
            let piece = Array(statement.text.utf8)
            guard let found = offset(of: piece, in: bytes, from: searchFrom) else {
                violations.append("statement \(statement.text.debugDescription) is not the next piece of the text")
                break
            }
            searchFrom = found + piece.count
            // Only an unterminated string, identifier or dollar quote, which runs to the end, may end in white space.
            let runsToTheEnd = bytes.suffix(piece.count).elementsEqual(piece)
            if (piece.first.map(isWhitespace) ?? true) || (piece.last.map(isWhitespace) ?? true) && !runsToTheEnd {
                violations.append("statement \(statement.text.debugDescription) is empty or not trimmed")
            }
            if !(previousLine...lineCount).contains(statement.line) {
                violations.append("statement line \(statement.line) after \(previousLine) of \(lineCount)")
            }
            previousLine = statement.line
            violations += statementViolations(statement, lineCount: lineCount)
        }
        return violations
    }

    /// The properties of one statement's tokens, parameters and rendering.
    private static func statementViolations(_ statement: SQLStatement, lineCount: Int) -> [String] {
        var violations: [String] = []
        let text = statement.text
        var end = text.startIndex
        var line = statement.line
        for token in statement.tokens {
            if token.range.lowerBound < end || token.range.isEmpty { violations.append("token \(token) out of order") }
            if token.range.upperBound > text.endIndex { violations.append("token \(token) past the text's end") }
            if !(line...lineCount).contains(token.line) { violations.append("token line \(token.line) after \(line)") }
            let expectedWord = token.kind == .word ? capitals(String(text[token.range])) : nil
            if token.word != expectedWord { violations.append("word \(String(describing: token.word))") }
            end = max(end, token.range.upperBound)
            line = token.line
        }
        if statement.tokens.first?.range.lowerBound != text.startIndex || end != text.endIndex {
            violations.append("the tokens do not span \(text.debugDescription)")
        }
        let parameterTokens = statement.tokens.filter { if case .parameter = $0.kind { true } else { false } }
        if parameterTokens.map(\.range) != statement.parameters.map(\.range) {
            violations.append("parameters \(statement.parameters) are not the parameter tokens")
        }
        for parameter in statement.parameters where String(text[parameter.range]) != parameter.spelling {
            violations.append("parameter \(parameter.spelling) is written \(text[parameter.range])")
        }
        if statement.rendered(replacingNamedParameters: { String(text[$0.range]) }) != text {
            violations.append("rendering as written changes \(text.debugDescription)")
        }
        if SQLScript(text, firstLine: statement.line).statements != [statement] {
            violations.append("splitting \(text.debugDescription) again gives other statements")
        }
        return violations
    }

    /// The first offset at or after `start` where `needle` occurs in `haystack`.
    private static func offset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard start + needle.count <= haystack.count else { return nil }
        return (start..<(haystack.count - needle.count + 1)).first { haystack[$0...].starts(with: needle) }
    }

    /// True for the white space of SQL: space, tab, `\n`, vertical tab, form feed, `\r`. Other characters, U+2028 and
    /// a no-break space included, are letters of identifiers to SQLite and PostgreSQL.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20].contains(byte)
    }

    /// The text with ASCII letters in capitals.
    private static func capitals(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 }))
    }
}
