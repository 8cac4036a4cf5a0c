import BatchEngine
import Synchronization

/// The engine writes positional parameters as `?` on every backend; PostgreSQL numbers them, `$1`, `$2`, ...
/// Marks inside strings, quoted identifiers, comments and dollar quotes are not parameters and stay as they are.
enum PositionalSQL {
    private static let cache = Mutex<[String: String]>([:])

    /// `sql` with its `?` marks numbered; translated once per text.
    static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        var translated = ""
        for (index, statement) in SQLScript(sql).statements.enumerated() {
            if index > 0 { translated += ";\n" }
            translated += number(statement)
        }
        cache.withLock { $0[sql] = translated }
        return translated
    }

    private static func number(_ statement: SQLStatement) -> String {
        var text = ""
        var copied = statement.text.startIndex
        var count = 0
        for parameter in statement.parameters where parameter.prefix == .questionMark && parameter.name == "?" {
            count += 1
            text += statement.text[copied..<parameter.range.lowerBound] + "$\(count)"
            copied = parameter.range.upperBound
        }
        return text + statement.text[copied...]
    }
}
