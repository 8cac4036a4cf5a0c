/// A PostgreSQL data type, identified by its OID in `pg_type`.
///
/// The constants are the built-in types the batchrun backend maps; their OIDs are fixed by PostgreSQL (they are in
/// `pg_type.dat`, the same on every server). Any other OID, such as a domain's or an enum's, is just as valid.
public struct PostgresType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The type's OID.
    public let rawValue: UInt32

    /// The type with OID `rawValue`.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `bool`.
    public static let bool = PostgresType(rawValue: 16)
    /// `bytea`: raw bytes, which text format shows as `\x` and hex digits.
    public static let bytea = PostgresType(rawValue: 17)
    /// `name`: the 63-byte identifier type of the catalogs.
    public static let name = PostgresType(rawValue: 19)
    /// `int8` (`bigint`).
    public static let int8 = PostgresType(rawValue: 20)
    /// `int2` (`smallint`).
    public static let int2 = PostgresType(rawValue: 21)
    /// `int4` (`integer`).
    public static let int4 = PostgresType(rawValue: 23)
    /// `text`.
    public static let text = PostgresType(rawValue: 25)
    /// `json`.
    public static let json = PostgresType(rawValue: 114)
    /// `float4` (`real`).
    public static let float4 = PostgresType(rawValue: 700)
    /// `float8` (`double precision`).
    public static let float8 = PostgresType(rawValue: 701)
    /// `bpchar` (`character(n)`).
    public static let bpchar = PostgresType(rawValue: 1042)
    /// `varchar` (`character varying(n)`).
    public static let varchar = PostgresType(rawValue: 1043)
    /// `date`.
    public static let date = PostgresType(rawValue: 1082)
    /// `timestamp` (without time zone).
    public static let timestamp = PostgresType(rawValue: 1114)
    /// `timestamptz` (`timestamp with time zone`).
    public static let timestamptz = PostgresType(rawValue: 1184)
    /// `numeric`.
    public static let numeric = PostgresType(rawValue: 1700)
    /// `uuid`.
    public static let uuid = PostgresType(rawValue: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresType(rawValue: 3802)

    /// `oid NNN`.
    public var description: String { "oid \(rawValue)" }
}
