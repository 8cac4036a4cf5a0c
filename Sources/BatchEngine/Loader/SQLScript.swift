/// SQL text split into its statements, each with its exact text and the line of its file where it starts.
///
/// A statement ends at a `;` outside strings, quoted identifiers, comments and dollar quotes (which the lexer keeps
/// whole), outside parentheses and outside the `BEGIN ... END` body of a trigger or routine (`StatementNesting`).
/// Stretches that hold only white space and comments are not statements.
public struct SQLScript: Sendable, Equatable {
    /// The statements, in order.
    public let statements: [SQLStatement]

    /// Splits `text`, whose first line is line `firstLine` of its file.
    public init(_ text: String, firstLine: Int = 1) {
        var statements: [SQLStatement] = []
        var nesting = StatementNesting()
        var current: (first: SQLToken, last: SQLToken)?
        func finish() {
            guard let (first, last) = current else { return }
            let range = first.range.lowerBound..<last.range.upperBound
            statements.append(SQLStatement(text: String(text[range]), line: first.line))
            current = nil
        }
        for token in SQLLexer.tokens(in: text, firstLine: firstLine) {
            if nesting.ends(at: token, written: text[token.range]) {
                finish()
            } else {
                current = (current?.first ?? token, token)
            }
        }
        finish()
        self.statements = statements
    }
}
