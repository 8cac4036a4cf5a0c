/// One token of SQL text: what it is, where it is, and for a bare word its text in capitals.
///
/// White space and comments are not tokens.
public struct SQLToken: Sendable, Hashable {
    /// What a token is.
    public enum Kind: Sendable, Hashable {
        /// A bare identifier or keyword.
        case word
        /// A quoted identifier: `"..."` or `U&"..."`, SQLite's `[...]`, and one between backquotes.
        case quotedIdentifier
        /// A string or blob literal: `'...'`, `E'...'`, `U&'...'`, `X'...'`, `B'...'`, `N'...'`, `$$...$$` or
        /// `$tag$...$tag$`.
        case string
        /// A numeric literal.
        case number
        /// A bound parameter, written with the given prefix.
        case parameter(SQLParameter.Prefix)
        /// An operator or punctuation mark: one character (`.`, `,`, `(`, `)`, `;`, `=`...), or `::` for a cast.
        case symbol
    }

    /// What the token is.
    public var kind: Kind
    /// Where the token is in the text that was lexed.
    public var range: Range<String.Index>
    /// The 1-based line of the file where the token starts.
    public var line: Int
    /// For a `.word`, its text with ASCII letters in capitals (`SELECT`, `CONCURRENTLY`); `nil` for other kinds.
    public var word: String?
}
