extension PostgresConnectionString {
    /// A `key=value` string without its secret pairs.
    ///
    /// It reads the string as libpq does: pairs separated by whitespace, optional whitespace around `=`, values
    /// either bare or in single quotes, a backslash escaping the next character in both. The pairs it keeps are
    /// copied as they were written, separated by one space; from the first malformed pair on, everything is dropped.
    static func redactedKeyValue(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var kept: [Substring] = []

        func skipWhitespace() {
            while index < scalars.endIndex, isWhitespace(scalars[index]) { index = scalars.index(after: index) }
        }
        /// Moves past a value, `true` if it is well formed.
        func skipValue() -> Bool {
            let quoted = index < scalars.endIndex && scalars[index] == "'"
            if quoted { index = scalars.index(after: index) }
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if quoted && scalar == "'" {
                    index = scalars.index(after: index)
                    return true
                }
                if !quoted && isWhitespace(scalar) { return true }
                index = scalars.index(after: index)
                if scalar == "\\" && index < scalars.endIndex { index = scalars.index(after: index) }
            }
            return !quoted
        }

        while true {
            skipWhitespace()
            guard index < scalars.endIndex else { break }
            let pairStart = index
            while index < scalars.endIndex, scalars[index] != "=", !isWhitespace(scalars[index]) {
                index = scalars.index(after: index)
            }
            let keyword = String(text[pairStart..<index])
            skipWhitespace()
            guard index < scalars.endIndex, scalars[index] == "=" else { break }
            index = scalars.index(after: index)
            skipWhitespace()
            guard skipValue() else { break }
            if !secretKeywords.contains(keyword.lowercased()) { kept.append(text[pairStart..<index]) }
        }
        return kept.joined(separator: " ")
    }

    /// Whitespace as libpq's parser sees it (C `isspace`).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || ("\t"..."\r").contains(scalar)
    }
}
