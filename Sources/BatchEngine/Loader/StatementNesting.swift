/// Tells which `;` ends a statement, token by token: one outside parentheses and outside the `BEGIN ... END` body of
/// a routine or trigger.
///
/// A body opens at a `BEGIN` that is not the statement's first word, outside parentheses, in a statement that starts
/// with `CREATE` and has named a `TRIGGER`, `FUNCTION` or `PROCEDURE` (SQLite's `CREATE TRIGGER ... BEGIN ...; END`,
/// PostgreSQL's `BEGIN ATOMIC ... END`). Inside a body each `CASE` opens a level that its `END` closes, so that
/// only the body's own `END` closes it.
struct StatementNesting {
    private var parentheses = 0
    private var bodies = 0
    private var leadingWord: String?
    private var isAtStart = true
    private var definesRoutine = false

    /// Takes the next token, written `written`; true when it is the `;` that ends the statement, after which the
    /// next token starts a new one.
    mutating func ends(at token: SQLToken, written: Substring) -> Bool {
        if token.kind == .symbol {
            switch written {
            case ";" where parentheses == 0 && bodies == 0:
                self = StatementNesting()
                return true
            case "(": parentheses += 1
            case ")": parentheses = max(parentheses - 1, 0)
            default: break
            }
        } else if let word = token.word {
            take(word)
        }
        isAtStart = false
        return false
    }

    private mutating func take(_ word: String) {
        if isAtStart { leadingWord = word }
        switch word {
        case "TRIGGER", "FUNCTION", "PROCEDURE":
            definesRoutine = definesRoutine || leadingWord == "CREATE"
        case "BEGIN" where definesRoutine && parentheses == 0 && !isAtStart:
            bodies += 1
        case "CASE" where bodies > 0:
            bodies += 1
        case "END" where bodies > 0:
            bodies -= 1
        default:
            break
        }
    }
}
