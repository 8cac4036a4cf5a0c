/// Converts `bytea` values between bytes and PostgreSQL's hex text format (`\x` followed by two hex digits a byte),
/// the format servers use by default (`bytea_output = hex`).
public enum PostgresBytea {
    /// The bytes of a `bytea` value in hex format, or `nil` when `text` is not in that format (for example in the
    /// older `escape` format).
    public static func decode(_ text: String) -> [UInt8]? {
        let digits = text.utf8.dropFirst(2)
        guard text.utf8.starts(with: #"\x"#.utf8), digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var high: UInt8?
        for character in digits {
            guard let nibble = hexValue(character) else { return nil }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    /// `bytes` in hex format, as a `bytea` parameter or literal takes it.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = Array(#"\x"#.utf8)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
