/// A database value, as bound to a statement or read from a row.
public enum SQLValue: Hashable, Sendable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// The value as an integer, if it is one.
    public var integer: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The value as text, if it is text.
    public var text: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// The value as a double, if it is numeric.
    public var real: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// An integer literal is an integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A string literal is a text value.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue {
    /// An optional integer as a value, NULL when absent.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// An optional string as a value, NULL when absent.
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    /// An optional double as a value, NULL when absent.
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
}
