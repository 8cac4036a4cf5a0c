import Foundation

/// Where a step stopped: an opaque, serialisable position that the engine stores and the step interprets.
///
/// A cursor names the last unit a committed range processed, so the next range starts strictly after it.
public enum Cursor: Hashable, Sendable {
    /// An integer key.
    case integer(Int64)
    /// A floating-point key.
    case real(Double)
    /// A text key.
    case text(String)
    /// A blob key, such as a binary UUID.
    case blob([UInt8])
    /// A composite key, one value per key column.
    case composite([Cursor])
}

extension Cursor: Codable {
    private enum Tag: String, CodingKey {
        case real
        case blob
    }

    /// Decodes the compact JSON form: a number, a string, an array, `{"real": x}` or `{"blob": "hex"}`.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Tag.self) {
            if object.contains(.blob) {
                let hex = try object.decode(String.self, forKey: .blob)
                guard let bytes = [UInt8](hex: hex) else {
                    throw DecodingError.dataCorruptedError(forKey: .blob, in: object, debugDescription: "not hex")
                }
                self = .blob(bytes)
                return
            }
            let value = try object.decode(Double.self, forKey: .real)
            // SQLite stores NaN as NULL, so no key is NaN; and a NaN cursor would not equal itself.
            guard !value.isNaN else {
                throw DecodingError.dataCorruptedError(forKey: .real, in: object, debugDescription: "NaN")
            }
            self = .real(value)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var parts: [Cursor] = []
            while !array.isAtEnd { parts.append(try array.decode(Cursor.self)) }
            self = .composite(parts)
            return
        }
        let single = try decoder.singleValueContainer()
        if let integer = try? single.decode(Int64.self) {
            self = .integer(integer)
        } else {
            self = .text(try single.decode(String.self))
        }
    }

    /// Encodes the compact JSON form: integers as numbers, text as strings, composites as arrays.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .integer(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .text(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .real(let value):
            var object = encoder.container(keyedBy: Tag.self)
            try object.encode(value, forKey: .real)
        case .blob(let bytes):
            var object = encoder.container(keyedBy: Tag.self)
            try object.encode(bytes.map { String(format: "%02x", $0) }.joined(), forKey: .blob)
        case .composite(let parts):
            var array = encoder.unkeyedContainer()
            for part in parts { try array.encode(part) }
        }
    }
}

extension Cursor {
    /// The cursor as the JSON text stored in the state table.
    public var serialized: String {
        // The common case, once per range, without an encoder.
        if case .integer(let value) = self { return String(value) }
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteReals
        // Encoding cannot fail: every case maps to JSON values, non-finite reals to strings.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// JSON has no infinity, yet a REAL key can hold one (SQLite stores 9e999 as +Inf).
    private static let nonFiniteReals = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")

    /// Reads a cursor back from its stored JSON text.
    /// - Throws: `CursorDecodingError` when the text is not a cursor this version wrote.
    public init(serialized text: String) throws {
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            self = try decoder.decode(Cursor.self, from: Data(text.utf8))
        } catch {
            throw CursorDecodingError(text: text)
        }
    }

    /// The cursor as a database value, for binding; composite cursors have no single value.
    public var sqlValue: SQLValue? {
        switch self {
        case .integer(let value): .integer(value)
        case .real(let value): .real(value)
        case .text(let value): .text(value)
        case .blob(let bytes): .blob(bytes)
        case .composite: nil
        }
    }

    /// A cursor for a key value read from the database; `nil` for NULL.
    public init?(_ value: SQLValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .blob(bytes)
        case .null: return nil
        }
    }
}

/// A stored cursor that cannot be read back.
public struct CursorDecodingError: Error, Sendable, Equatable {
    /// The stored text.
    public var text: String
}

extension [UInt8] {
    /// Bytes from lowercase or uppercase hex digits; `nil` for anything else.
    fileprivate init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self = bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
