extension PostgresConnectionString {
    /// A URI without the password of its user part and without secret query parameters.
    static func redactedURI(_ text: String) -> String {
        guard let prefix = uriPrefixes.first(where: { text.hasPrefix($0) }) else { return text }
        var rest = Substring(text.dropFirst(prefix.count))
        // libpq reads `user:password@` up to the first "@" before any "/". A password may hold an unencoded "@",
        // "/", "?" or "#" that libpq would misread, so the credentials are taken to end at the last "@" of the
        // whole URI: a rare URI with an "@" further on (in a query value) loses more than its password, but no
        // password can survive.
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest = rest[..<colon] + rest[at...]
        }
        guard let question = rest.firstIndex(of: "?") else { return prefix + rest }
        let kept = rest[rest.index(after: question)...].split(separator: "&").filter { parameter in
            // A parameter without "=" is invalid for libpq and may be a mistyped password: drop it too.
            guard let equals = parameter.firstIndex(of: "=") else { return false }
            return !secretKeywords.contains(percentDecoded(parameter[..<equals]).lowercased())
        }
        return prefix + rest[..<question] + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// `text` with `%XX` sequences decoded; a malformed sequence stays as it is.
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
