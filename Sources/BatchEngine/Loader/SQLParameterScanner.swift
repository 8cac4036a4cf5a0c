import Foundation

/// Finds the bound parameters (`:name`, `@name`, `$name`, `?`) of SQL text, skipping strings, quoted identifiers
/// and comments, with the line each one is on.
enum SQLParameterScanner {
    struct Parameter: Equatable {
        /// The name without its prefix; `?` for positional parameters.
        var name: String
        /// The 0-based line within the scanned text.
        var line: Int
    }

    static func parameters(in sql: String) -> [Parameter] {
        let characters = Array(sql.unicodeScalars)
        var found: [Parameter] = []
        var index = 0
        var line = 0
        func advance(past terminator: String) {
            let end = Array(terminator.unicodeScalars)
            while index < characters.count {
                if characters[index] == "\n" { line += 1 }
                if characters[index...].starts(with: end) {
                    index += end.count
                    return
                }
                index += 1
            }
        }
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            index += 1
            switch character {
            case "\n": line += 1
            case "'", "\"", "`": advance(past: String(character))
            case "[": advance(past: "]")
            case "-" where next == "-": advance(past: "\n")
            case "/" where next == "*": advance(past: "*/")
            case "?":
                found.append(Parameter(name: "?", line: line))
                while index < characters.count, characters[index].properties.numericType != nil { index += 1 }
            case ":", "@", "$":
                guard isIdentifierStart(next) else { break }
                let start = index
                while index < characters.count, isIdentifierPart(characters[index]) { index += 1 }
                found.append(Parameter(name: String(String.UnicodeScalarView(characters[start..<index])), line: line))
            default: break
            }
        }
        return found
    }

    /// True when `sql` holds nothing but white space and comments.
    static func isBlank(_ sql: String) -> Bool {
        var rest = Substring(sql)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
            } else if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return true }
                rest = rest[end.upperBound...]
            } else if first == ";" {
                rest = rest.dropFirst()
            } else {
                return false
            }
        }
        return true
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || scalar.properties.numericType != nil
    }
}
