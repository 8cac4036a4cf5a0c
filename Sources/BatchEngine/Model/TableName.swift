/// A table named in an update file's header: a plain name, optionally qualified by its schema (`app.items`).
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    /// The schema, or `nil` for the database's default (SQLite's `main`, PostgreSQL's `search_path`).
    public var schema: String?
    /// The table's own name.
    public var name: String

    /// Creates a table name.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Reads `table` or `schema.table`, each part a plain identifier; `nil` for anything else.
    init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(\.isSQLIdentifier) else { return nil }
        self.init(schema: parts.count == 2 ? parts[0] : nil, name: parts[parts.count - 1])
    }

    /// The name as SQL, each part double-quoted: `"app"."items"`, or `"items"`.
    public var quoted: String {
        ([schema, name].compactMap { $0 }).map(\.quotedIdentifier).joined(separator: ".")
    }

    /// The name as a header writes it: `app.items`, or `items`.
    public var description: String {
        ([schema, name].compactMap { $0 }).joined(separator: ".")
    }
}
