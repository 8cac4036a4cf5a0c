/// A screen line built from pieces, each styled or not, that counts the columns it takes and never exceeds its
/// limit: a piece that would cross it is cut.
struct LineBuilder {
    /// The most columns the line may take.
    let limit: Int
    /// The line with its escape sequences.
    private(set) var text = ""
    /// The columns it takes on screen.
    private(set) var width = 0

    /// An empty line of at most `limit` columns.
    init(limit: Int) {
        self.limit = limit
    }

    /// Appends `piece`, styled by `paint`, cut to the columns left.
    mutating func append(_ piece: String, _ paint: (String) -> String = { $0 }) {
        let piece = piece.count > limit - width ? String(piece.prefix(max(0, limit - width))) : piece
        text += paint(piece)
        width += piece.count
    }

    /// Appends spaces up to `column`.
    mutating func pad(to column: Int) {
        append(String(repeating: " ", count: max(0, column - width)))
    }
}
