/// A bound parameter of a statement: `:name`, `@name`, `$name`, `?`, `?NNN` or `$N`.
public struct SQLParameter: Sendable, Hashable {
    /// How a parameter is written.
    public enum Prefix: Sendable, Hashable {
        /// `:name`, the form update files bind.
        case colon
        /// `@name`, one of SQLite's forms.
        case at
        /// `$name`, one of SQLite's forms (not followed by `$`, which would open a dollar quote).
        case dollar
        /// `?` or `?NNN`, SQLite's positional marks; in PostgreSQL `?` is also a jsonb operator.
        case questionMark
        /// `$N`, PostgreSQL's positional parameters.
        case dollarNumber

        /// True for `:name`, `@name` and `$name`, whose name is a word after the prefix.
        public var isNamed: Bool {
            switch self {
            case .colon, .at, .dollar: true
            case .questionMark, .dollarNumber: false
            }
        }
    }

    /// The name without its prefix for a named parameter (`from` for `:from`), the whole mark otherwise (`?`, `?3`,
    /// `$1`).
    public var name: String
    /// How the parameter is written.
    public var prefix: Prefix
    /// Where the parameter is in its statement's text.
    public var range: Range<String.Index>
    /// The 1-based line of the file the parameter is on.
    public var line: Int

    /// The parameter of a `.parameter` token of `text`; `nil` for any other token.
    init?(_ token: SQLToken, in text: String) {
        guard case .parameter(let prefix) = token.kind else { return nil }
        let written = text[token.range].unicodeScalars
        name = String(prefix.isNamed ? written.dropFirst() : written[...])
        self.prefix = prefix
        range = token.range
        line = token.line
    }

    /// The parameter as written: `:from`, `@to`, `?2`, `$1`.
    public var spelling: String {
        switch prefix {
        case .colon: ":" + name
        case .at: "@" + name
        case .dollar: "$" + name
        case .questionMark, .dollarNumber: name
        }
    }
}
