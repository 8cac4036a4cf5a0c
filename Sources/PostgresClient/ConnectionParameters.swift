import CLibPQ

/// The keyword and value arrays for `PQconnectdbParams`, checked before libpq sees them.
///
/// libpq processes the arrays in order and the last non-empty value of a keyword wins. The connection string goes in
/// as the one `dbname` that libpq expands (`expand_dbname = 1`), so the defaults placed before it yield to what the
/// string says and the overrides placed after it win over the string. `client_encoding` comes last and is always
/// `UTF8`, since every value is read back as UTF-8.
struct ConnectionParameters {
    let keywords: CStringArray
    let values: CStringArray

    /// The arrays for `connectionString` between `defaults` and `overrides`.
    /// - Throws: a `.client` error for a NUL character, an unknown keyword, a `dbname` among the defaults (it would
    ///   be the one libpq expands), a `client_encoding`, or a connection string libpq cannot parse.
    init(_ connectionString: String, defaults: [(String, String)], overrides: [(String, String)]) throws(PostgresError)
    {
        for (keyword, value) in defaults + overrides {
            guard Self.knownKeywords.contains(keyword) else {
                throw .client("unknown connection keyword \"\(keyword)\"")
            }
            guard keyword != "client_encoding" else {
                throw .client("client_encoding cannot be set: values are always exchanged in UTF8")
            }
            guard !keyword.utf8.contains(0), !value.utf8.contains(0) else {
                throw .client("the value of connection keyword \"\(keyword)\" contains a NUL character")
            }
        }
        guard !defaults.contains(where: { $0.0 == "dbname" }) else {
            throw .client("dbname cannot be a default: give the database in the connection string or in overrides")
        }
        try Self.checkSyntax(connectionString)
        let pairs = defaults + [("dbname", connectionString)] + overrides + [("client_encoding", "UTF8")]
        keywords = CStringArray(pairs.map(\.0))
        values = CStringArray(pairs.map(\.1))
    }

    /// Fails when libpq would not parse `connectionString`, with a message that shows no part of a password.
    private static func checkSyntax(_ connectionString: String) throws(PostgresError) {
        guard !connectionString.utf8.contains(0) else {
            throw .client("the connection string contains a NUL character")
        }
        guard PostgresConnectionString.isExpanded(connectionString), syntaxError(connectionString) != nil else {
            return
        }
        // libpq quotes the part it could not parse, which may be a password: describe the redacted string instead.
        let redacted = PostgresConnectionString.redacted(connectionString)
        let reason = syntaxError(redacted) ?? "a part of it that may hold a password is malformed"
        throw .client("invalid connection string \"\(redacted)\": \(reason)")
    }

    /// libpq's complaint about `text` as a connection string, or `nil` when it parses.
    private static func syntaxError(_ text: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &error) else {
            defer { PQfreemem(error) }
            return error.map { String(cString: $0).trimmingTrailingNewlines() } ?? "out of memory"
        }
        PQconninfoFree(options)
        return nil
    }

    /// Every keyword this libpq knows: the options of an empty connection string, which unlike `PQconndefaults`
    /// reads neither the environment nor a service file, and so cannot fail on them.
    static let knownKeywords: Set<String> = {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse("", &error) else {
            PQfreemem(error)
            return []
        }
        defer { PQconninfoFree(options) }
        var keywords: Set<String> = []
        var option = options
        while let keyword = option.pointee.keyword {
            keywords.insert(String(cString: keyword))
            option += 1
        }
        return keywords
    }()
}
