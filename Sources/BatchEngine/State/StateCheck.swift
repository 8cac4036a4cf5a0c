/// Validation of values read from the state tables, which are not trusted: a crafted or damaged row gets a clear
/// error (exit 65), never a trap.
enum StateCheck {
    /// The value as an integer.
    /// - Throws: `BatchError` (`.invalidInput`) naming `what` when it is not one.
    static func integer(_ value: SQLValue?, _ what: String) throws -> Int64 {
        guard let integer = value?.integer else { throw corrupt("\(what) is not an integer") }
        return integer
    }

    /// The value as a count: a non-negative integer.
    static func count(_ value: SQLValue, _ what: String) throws -> Int {
        let integer = try integer(value, what)
        guard integer >= 0 else { throw corrupt("\(what) is negative") }
        return Int(integer)
    }

    /// An optional count: NULL, or a non-negative integer.
    static func optionalCount(_ value: SQLValue, _ what: String) throws -> Int? {
        value == .null ? nil : try count(value, what)
    }

    /// A point in time in seconds since 1970: finite, and within a century of `clock`.
    static func instant(_ value: SQLValue, _ what: String, near clock: Double) throws -> Double {
        guard let seconds = value.real, seconds.isFinite, abs(seconds - clock) < 100 * 365 * 86_400 else {
            throw corrupt("\(what) is not a time near the database's clock")
        }
        return seconds
    }

    /// An optional number: NULL, or an integer or a double.
    static func optionalNumber(_ value: SQLValue, _ what: String) throws -> Double? {
        guard value != .null else { return nil }
        guard let number = value.real else { throw corrupt("\(what) is not a number") }
        return number
    }

    /// An optional cursor stored as text.
    static func cursor(_ value: SQLValue, _ what: String) throws -> Cursor? {
        switch value {
        case .null: return nil
        case .text(let text):
            do { return try Cursor(serialized: text) } catch {
                throw corrupt("\(what) '\(text)' is not a cursor batchrun wrote")
            }
        default: throw corrupt("\(what) is not text")
        }
    }

    /// The error for a row that cannot be what the state says.
    static func corrupt(_ problem: String) -> BatchError {
        BatchError(.invalidInput, "corrupt state: \(problem)")
    }
}
