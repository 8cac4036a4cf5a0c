/// A value bound to a `$n` placeholder, sent in PostgreSQL's text format.
///
/// A parameter with no type lets the server infer it from where the placeholder stands (OID 0), the way an untyped
/// literal works: `'2024-01-01'` becomes a date next to a date column. SQL NULL is a `nil` parameter, not a value of
/// this type.
public struct PostgresParameter: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// The value in PostgreSQL's text input format. It cannot contain a NUL character.
    public var text: String
    /// The parameter's declared type; `nil` lets the server infer it.
    public var type: PostgresType?

    /// A parameter in text format, of `type` or of the type the server infers.
    public init(_ text: String, type: PostgresType? = nil) {
        self.text = text
        self.type = type
    }

    /// An integer, declared `int8`.
    public init(_ value: some BinaryInteger) {
        self.init(String(value), type: .int8)
    }

    /// A double, declared `float8`; infinities and NaN use the spellings PostgreSQL reads.
    public init(_ value: Double) {
        let text =
            switch value {
            case .infinity: "Infinity"
            case -.infinity: "-Infinity"
            case _ where value.isNaN: "NaN"
            default: "\(value)"
            }
        self.init(text, type: .float8)
    }

    /// A boolean, declared `bool`.
    public init(_ value: Bool) {
        self.init(value ? "true" : "false", type: .bool)
    }

    /// Raw bytes, declared `bytea`.
    public init(bytes: some Sequence<UInt8>) {
        self.init(PostgresBytea.encode(bytes), type: .bytea)
    }

    /// A string literal is an untyped parameter.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// An integer literal is an `int8` parameter.
    public init(integerLiteral value: Int64) {
        self.init(value)
    }
}
