/// Splits SQL text into tokens, for SQLite's and PostgreSQL's dialects alike, skipping white space and comments.
///
/// A total function: any text lexes, nothing traps, and every step consumes at least one byte. An unterminated
/// string, quoted identifier, dollar quote or comment runs to the end of the text. Block comments nest, as in
/// PostgreSQL. Lines are counted at each `LineBreak`.
///
/// A `[` directly after a word, a quoted identifier, a parameter, `)` or `]`, or anywhere after the word `ARRAY`, is a
/// PostgreSQL subscript or array bracket (a `.symbol`); elsewhere it opens one of SQLite's `[quoted identifiers]`.
struct SQLLexer {
    private let text: String
    private let bytes: [UInt8]
    private var offset = 0
    private var line: Int
    private var tokens: [SQLToken] = []
    /// Where the last token ended, to tell a subscript's `[` from a quoted identifier's.
    private var lastTokenEnd = -1

    private init(text: String, line: Int) {
        self.text = text
        bytes = Array(text.utf8)
        self.line = line
    }

    /// The tokens of `text`, whose first line is line `firstLine` of its file.
    static func tokens(in text: String, firstLine: Int) -> [SQLToken] {
        var lexer = SQLLexer(text: text, line: firstLine)
        lexer.scanAll()
        return lexer.tokens
    }

    /// True for the white space both databases skip: space, tab, `\n`, vertical tab, form feed and `\r`.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private mutating func scanAll() {
        while let character = peek() {
            if Self.isWhitespace(UInt8(character.value)) {
                advance()
            } else if character == "-", peek(1) == "-" {
                while offset < bytes.count, LineBreak.length(at: offset, in: bytes) == 0 { offset += 1 }
            } else if character == "/", peek(1) == "*" {
                skipBlockComment()
            } else {
                let (start, startLine) = (offset, line)
                let kind = scanToken(startingWith: character)
                let range = index(start)..<index(offset)
                tokens.append(
                    SQLToken(kind: kind, range: range, line: startLine, word: kind == .word ? capitals(start) : nil))
                lastTokenEnd = offset
            }
        }
    }

    /// Consumes one token and tells its kind.
    private mutating func scanToken(startingWith character: Unicode.Scalar) -> SQLToken.Kind {
        switch character {
        case "'":
            return quoted(opener: 1, closer: "'", escapes: .doubling)
        case "\"", "`":
            return quoted(opener: 1, closer: character, escapes: .doubling, kind: .quotedIdentifier)
        case "[" where !opensSubscript:
            return quoted(opener: 1, closer: "]", escapes: .none, kind: .quotedIdentifier)
        case "$":
            return dollar()
        case ":" where peek(1) == ":":
            offset += 1  // and one more below: `::` is one symbol, a cast
        case ":", "@":
            guard Self.isIdentifierStart(peek(1)) else { break }
            offset += 1
            skip(while: Self.isIdentifierPart)
            return .parameter(character == ":" ? .colon : .at)
        case "?":
            offset += 1
            skip(while: Self.isDigit)
            return .parameter(.questionMark)
        default:
            if let literal = prefixedLiteral(startingWith: character) { return literal }
            if Self.isDigit(character) || character == "." && Self.isDigit(peek(1)) { return number() }
            if Self.isIdentifierStart(character) {
                skip(while: { Self.isIdentifierPart($0) || $0 == "$" })
                return .word
            }
        }
        offset += 1
        return .symbol
    }

    /// `E'...'`, `X'...'`, `B'...'`, `N'...'`, `U&'...'` or `U&"..."`, in either case; `nil` for anything else.
    private mutating func prefixedLiteral(startingWith character: Unicode.Scalar) -> SQLToken.Kind? {
        let lowercase = Unicode.Scalar(UInt8(truncatingIfNeeded: character.value | 0x20))
        switch (lowercase, peek(1), peek(2)) {
        case ("e", "'"?, _): return quoted(opener: 2, closer: "'", escapes: .backslash)
        case ("x", "'"?, _), ("b", "'"?, _), ("n", "'"?, _): return quoted(opener: 2, closer: "'", escapes: .doubling)
        case ("u", "&"?, "'"?): return quoted(opener: 3, closer: "'", escapes: .doubling)
        case ("u", "&"?, "\""?): return quoted(opener: 3, closer: "\"", escapes: .doubling, kind: .quotedIdentifier)
        default: return nil
        }
    }

    /// How a quoted run escapes its closing quote.
    private enum Escapes {
        /// The closing quote doubled stands for itself: `'it''s'`.
        case doubling
        /// Also a backslash escapes the next character: `E'it\'s'`.
        case backslash
        /// Nothing: SQLite's `[...]` ends at the first `]`.
        case none
    }

    /// Consumes the `opener` bytes, then up to and including the unescaped `closer`, or to the end.
    private mutating func quoted(
        opener: Int, closer: Unicode.Scalar, escapes: Escapes, kind: SQLToken.Kind = .string
    ) -> SQLToken.Kind {
        offset += opener
        while let character = peek() {
            advance()
            if character == "\\", escapes == .backslash {
                if offset < bytes.count { advance() }
            } else if character == closer {
                guard escapes != .none, peek() == closer else { return kind }
                offset += 1
            }
        }
        return kind
    }

    /// `$N`, a dollar quote `$$...$$` or `$tag$...$tag$`, `$name`, or a lone `$`.
    private mutating func dollar() -> SQLToken.Kind {
        if Self.isDigit(peek(1)) {
            offset += 1
            skip(while: Self.isDigit)
            return .parameter(.dollarNumber)
        }
        var tagEnd = offset + 1
        while tagEnd < bytes.count, Self.isIdentifierPart(Unicode.Scalar(bytes[tagEnd])) { tagEnd += 1 }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else {
            let isNamed = tagEnd > offset + 1
            offset = tagEnd
            return isNamed ? .parameter(.dollar) : .symbol
        }
        let delimiter = bytes[offset...tagEnd]
        offset = tagEnd + 1
        while offset < bytes.count, !bytes[offset...].starts(with: delimiter) { advance() }
        offset = min(offset + delimiter.count, bytes.count)
        return .string
    }

    /// A numeric literal: digits, letters (hex, exponents, PostgreSQL's `1_000`), dots, and an exponent's sign.
    private mutating func number() -> SQLToken.Kind {
        offset += 1
        while let character = peek() {
            let isExponentSign =
                (character == "+" || character == "-") && (bytes[offset - 1] | 0x20) == UInt8(ascii: "e")
                && Self.isDigit(peek(1))
            guard Self.isIdentifierPart(character) || character == "." || isExponentSign else { break }
            offset += 1
        }
        return .number
    }

    /// Consumes a block comment, nested ones included, or the rest of the text when it is not closed.
    private mutating func skipBlockComment() {
        var depth = 0
        repeat {
            if peek() == "/", peek(1) == "*" {
                depth += 1
                offset += 2
            } else if peek() == "*", peek(1) == "/" {
                depth -= 1
                offset += 2
            } else {
                advance()
            }
        } while depth > 0 && offset < bytes.count
    }

    /// True when a `[` here subscripts what precedes it rather than quoting an identifier.
    private var opensSubscript: Bool {
        guard let last = tokens.last else { return false }
        if last.word == "ARRAY" { return true }
        guard lastTokenEnd == offset else { return false }
        switch last.kind {
        case .word, .quotedIdentifier, .parameter: return true
        case .symbol: return bytes[offset - 1] == UInt8(ascii: ")") || bytes[offset - 1] == UInt8(ascii: "]")
        case .string, .number: return false
        }
    }

    /// Consumes one byte, or one line break, counting lines.
    private mutating func advance() {
        let breakLength = LineBreak.length(at: offset, in: bytes)
        if breakLength > 0 { line += 1 }
        offset += max(breakLength, 1)
    }

    private mutating func skip(while belongs: (Unicode.Scalar) -> Bool) {
        while let character = peek(), belongs(character) { offset += 1 }
    }

    /// The byte `ahead` of the current one as a scalar (a byte of a multi-byte character reads as one at or above
    /// U+0080); `nil` past the end.
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        offset + ahead < bytes.count ? Unicode.Scalar(bytes[offset + ahead]) : nil
    }

    private func index(_ byteOffset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: byteOffset)
    }

    /// The word from `start` to here with its ASCII letters in capitals, as both databases fold keywords.
    private func capitals(_ start: Int) -> String {
        String(decoding: bytes[start..<offset].map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// An ASCII letter, `_`, or any non-ASCII character, which both databases accept in identifiers.
    private static func isIdentifierStart(_ character: Unicode.Scalar?) -> Bool {
        guard let character else { return false }
        return character == "_" || character.value >= 0x80 || ("a"..."z").contains(character)
            || ("A"..."Z").contains(character)
    }

    private static func isIdentifierPart(_ character: Unicode.Scalar) -> Bool {
        isIdentifierStart(character) || isDigit(character)
    }

    private static func isDigit(_ character: Unicode.Scalar?) -> Bool {
        character.map { ("0"..."9").contains($0) } ?? false
    }
}
