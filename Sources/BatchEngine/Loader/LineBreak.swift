/// The line breaks batchrun counts, as SQLite and PostgreSQL count them: `\n`, `\r\n` and a lone `\r`.
///
/// Other Unicode line separators (U+2028, a form feed, NEL) are not line breaks: inside SQL they are ordinary
/// characters.
enum LineBreak {
    /// The length in bytes of the line break starting at `offset` of `bytes`: 2 for `\r\n`, 1 for a lone `\n` or
    /// `\r`, 0 where no line break starts (including past the end).
    static func length(at offset: Int, in bytes: [UInt8]) -> Int {
        guard offset < bytes.count else { return 0 }
        switch bytes[offset] {
        case UInt8(ascii: "\n"): return 1
        case UInt8(ascii: "\r"): return offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n") ? 2 : 1
        default: return 0
        }
    }
}
