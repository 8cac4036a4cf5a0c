/// One statement of a script: its exact text, the line it starts on, its tokens and its parameters.
public struct SQLStatement: Sendable, Equatable {
    /// The statement as written, byte for byte, from its first token to its last: without the `;` that ends it,
    /// nor the white space and comments around it.
    public let text: String
    /// The 1-based line of the file where the statement's first token is.
    public let line: Int
    /// The tokens of `text`, in order, with ranges in `text`.
    public let tokens: [SQLToken]
    /// The parameters of `text`, in order, with ranges in `text`.
    public let parameters: [SQLParameter]

    /// Lexes `text`, a statement whose first token is on line `line` of its file.
    init(text: String, line: Int) {
        self.text = text
        self.line = line
        tokens = SQLLexer.tokens(in: text, firstLine: line)
        parameters = tokens.compactMap { SQLParameter($0, in: text) }
    }

    /// The first word in capitals (`SELECT`, `WITH`, `CREATE`...); `nil` when the statement starts otherwise, as
    /// with `(`.
    public var keyword: String? { tokens.first?.word }

    /// The text with each named parameter (`:name`, `@name`, `$name`) replaced by what `replacement` returns for it,
    /// such as `$3` for PostgreSQL; every other byte is as written.
    public func rendered(replacingNamedParameters replacement: (SQLParameter) throws -> String) rethrows -> String {
        var rendered = ""
        var copied = text.startIndex
        for parameter in parameters where parameter.prefix.isNamed {
            rendered.append(contentsOf: text[copied..<parameter.range.lowerBound])
            rendered.append(contentsOf: try replacement(parameter))
            copied = parameter.range.upperBound
        }
        rendered.append(contentsOf: text[copied...])
        return rendered
    }
}
