/// A JSON value whose object keys keep the order they were written in, for stable, readable output lines.
enum JSONValue {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The value on one line.
    var rendered: String {
        switch self {
        case .string(let text): Self.quote(text)
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? String((value * 1000).rounded() / 1000) : "null"
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .array(let values): "[" + values.map(\.rendered).joined(separator: ",") + "]"
        case .object(let fields):
            "{" + fields.map { Self.quote($0.0) + ":" + $0.1.rendered }.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    /// An optional string, `null` when absent.
    static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// An optional integer, `null` when absent.
    static func integer(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
    /// An optional number, `null` when absent.
    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
}
