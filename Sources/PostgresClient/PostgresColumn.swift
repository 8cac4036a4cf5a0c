/// A column of a result: its name and its type.
public struct PostgresColumn: Hashable, Sendable {
    /// The column's name, as the query labels it.
    public var name: String
    /// The column's type.
    public var type: PostgresType

    /// A column called `name` of type `type`.
    public init(name: String, type: PostgresType) {
        self.name = name
        self.type = type
    }
}
