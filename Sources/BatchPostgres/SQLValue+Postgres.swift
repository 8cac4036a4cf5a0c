import BatchEngine
import PostgresClient

extension SQLValue {
    /// The value as a text-format parameter whose type the server infers from where it stands; bytes as `bytea`.
    var parameter: PostgresParameter? {
        switch self {
        case .null: nil
        case .integer(let value): PostgresParameter(String(value))
        case .real(let value): PostgresParameter(value.postgresText)
        case .text(let value): PostgresParameter(value)
        case .blob(let bytes): PostgresParameter(bytes: bytes)
        }
    }

    /// A value read in text format from a column of `type`: integers and floats as numbers, booleans as 0 and 1,
    /// bytea as bytes, and everything else (numeric, uuid, dates and times, text) as its exact text.
    init(text: String?, type: PostgresType) {
        guard let text else {
            self = .null
            return
        }
        switch type {
        case .int2, .int4, .int8: self = Int64(text).map(SQLValue.integer) ?? .text(text)
        case .float4, .float8: self = Double(text).map(SQLValue.real) ?? .text(text)
        case .bool: self = .integer(text == "t" ? 1 : 0)
        case .bytea: self = PostgresBytea.decode(text).map(SQLValue.blob) ?? .text(text)
        default: self = .text(text)
        }
    }
}

extension Double {
    /// The spelling PostgreSQL reads, infinities and NaN included, with every digit needed to read it back exactly.
    var postgresText: String {
        switch self {
        case .infinity: "Infinity"
        case -.infinity: "-Infinity"
        case _ where isNaN: "NaN"
        default: "\(self)"
        }
    }
}

extension PostgresRow {
    /// The row's values, typed by their columns.
    var sqlValues: [SQLValue] {
        zip(values, columns).map { SQLValue(text: $0, type: $1.type) }
    }
}
