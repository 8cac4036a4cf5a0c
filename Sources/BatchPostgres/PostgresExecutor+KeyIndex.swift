import BatchEngine
import PostgresClient

extension PostgresExecutor {
    /// Checks the key columns through PostgreSQL's catalog (not EXPLAIN, whose choices depend on statistics): the
    /// table and columns exist, their types can be walked, and they lead a valid btree index, in order, with no
    /// predicate, each column with its default operator class and the column's own deterministic collation, which
    /// is the one `key > :from` compares with.
    func keyIndex(of table: TableName, _ columns: [String]) throws -> KeyIndex {
        guard let relation = try relation(table) else { throw KeyColumnProblem.missingTable(table.description) }
        let attributes = try self.attributes(of: relation)
        var keys: [Attribute] = []
        for name in columns {
            guard let attribute = attributes.first(where: { $0.name == name }) else {
                throw KeyColumnProblem.missingColumn(table: table.description, column: name)
            }
            guard let least = KeyType.leastValue(of: attribute.baseType) else {
                throw KeyColumnProblem.unsupportedType(table: table.description, column: name, type: attribute.typeName)
            }
            guard attribute.deterministic else {
                throw KeyColumnProblem.notIndexed(
                    table: table.description, columns: columns,
                    why: "\(columns.count == 1 ? "has" : "include") a nondeterministic collation, under which"
                        + " different keys compare equal")
            }
            keys.append(attribute.with(leastValue: least))
        }
        let indexes = try self.indexes(of: relation)
        let leading = indexes.filter {
            $0.keys.count >= keys.count && zip($0.keys, keys).allSatisfy { $0 == $1.number }
        }
        let usable = leading.filter { index in
            index.isBtree && index.isValid && index.isFull && index.hasDefaultClasses(count: keys.count)
                && zip(index.collations, keys).allSatisfy { $0 == $1.collation }
        }
        guard let best = usable.first(where: { $0.isUnique && $0.keys.count == keys.count }) ?? usable.first else {
            throw KeyColumnProblem.notIndexed(
                table: table.description, columns: columns, why: Self.reason(leading: leading, keys: keys))
        }
        return KeyIndex(
            columns: keys.map { KeyColumn(name: $0.name, leastValue: $0.leastValue, nullable: !$0.notNull) },
            isUnique: best.isUnique && best.keys.count == keys.count)
    }

    /// Why no index qualifies, from the indexes that at least lead with the columns.
    private static func reason(leading: [PostgresIndex], keys: [Attribute]) -> String {
        let subject = keys.count == 1 ? "is not the first column" : "are not the first columns"
        if leading.isEmpty { return "\(subject) of any index" }
        if !leading.contains(where: \.isBtree) { return "lead only indexes that are not btree" }
        if !leading.contains(where: \.isValid) { return "lead only an invalid index (left by an interrupted build?)" }
        if !leading.contains(where: \.isFull) { return "lead only partial indexes, which do not hold every row" }
        if !leading.contains(where: { $0.hasDefaultClasses(count: keys.count) }) {
            return "lead only indexes with another operator class (such as text_pattern_ops), which do not sort the"
                + " way `>` compares"
        }
        return "lead only indexes whose collation is not the column's, so `>` and the index disagree on order"
    }

    /// The table's oid, if it is a table visible by that name.
    func relation(_ table: TableName) throws -> Int64? {
        let row = try connection.execute(
            "SELECT c.oid::int8 FROM pg_class c WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p')",
            [PostgresParameter(table.quoted)]
        ).rows.first
        return row?[0].flatMap { Int64($0) }
    }

    /// A column as `pg_attribute` describes it.
    struct Attribute {
        var name: String
        var number: Int
        var baseType: PostgresType
        var typeName: String
        var collation: Int64
        var deterministic: Bool
        var notNull: Bool
        var leastValue: SQLValue?

        func with(leastValue: SQLValue) -> Attribute {
            var copy = self
            copy.leastValue = leastValue
            return copy
        }
    }

    private func attributes(of relation: Int64) throws -> [Attribute] {
        try connection.execute(
            """
            SELECT a.attname, a.attnum, CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END::int8,
                   format_type(a.atttypid, a.atttypmod), a.attcollation::int8, coalesce(c.collisdeterministic, true),
                   a.attnotnull
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_collation c ON c.oid = a.attcollation
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
            """, [PostgresParameter(relation)]
        ).rows.map { row in
            Attribute(
                name: row[0] ?? "", number: Int(row[1] ?? "") ?? 0,
                baseType: PostgresType(rawValue: UInt32(row[2] ?? "") ?? 0), typeName: row[3] ?? "?",
                collation: Int64(row[4] ?? "") ?? 0, deterministic: row[5] == "t", notNull: row[6] == "t")
        }
    }

    private func indexes(of relation: Int64) throws -> [PostgresIndex] {
        let rows = try connection.execute(
            """
            SELECT i.indisunique, i.indpred IS NULL, i.indisvalid AND i.indisready,
                   am.amname = 'btree', i.indnkeyatts, i.indkey::text, i.indcollation::text,
                   ARRAY(SELECT o.opcdefault FROM unnest(i.indclass) WITH ORDINALITY k(class, n)
                          JOIN pg_opclass o ON o.oid = k.class ORDER BY k.n)::text
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
             WHERE i.indrelid = $1
            """, [PostgresParameter(relation)]
        ).rows
        return rows.map { row in
            let keyCount = Int(row[4] ?? "") ?? 0
            return PostgresIndex(
                isUnique: row[0] == "t", isFull: row[1] == "t", isValid: row[2] == "t", isBtree: row[3] == "t",
                keys: Array(Self.numbers(row[5]).prefix(keyCount)), collations: Self.numbers(row[6]).map(Int64.init),
                defaultClasses: (row[7] ?? "").filter { $0 != "{" && $0 != "}" }.split(separator: ",").map { $0 == "t" }
            )
        }
    }

    private static func numbers(_ vector: String?) -> [Int] {
        (vector ?? "").split(separator: " ").compactMap { Int($0) }
    }
}

/// An index as `pg_index` describes it.
struct PostgresIndex {
    var isUnique: Bool
    var isFull: Bool
    var isValid: Bool
    var isBtree: Bool
    /// Attribute numbers of the key columns (0 for an expression), in order.
    var keys: [Int]
    var collations: [Int64]
    var defaultClasses: [Bool]

    /// Whether its first `count` columns use their type's default operator class.
    func hasDefaultClasses(count: Int) -> Bool {
        defaultClasses.count >= count && defaultClasses.prefix(count).allSatisfy { $0 }
    }
}

/// The key types a walk supports, and the least value of each, which no key sorts below.
enum KeyType {
    /// The least value of `type`, or `nil` when batchrun does not walk that type.
    static func leastValue(of type: PostgresType) -> SQLValue? {
        switch type {
        case .int2: .integer(Int64(Int16.min))
        case .int4: .integer(Int64(Int32.min))
        case .int8: .integer(.min)
        case .float4, .float8: .real(-.infinity)
        case .numeric: .text("-Infinity")
        case .text, .varchar, .bpchar, .name: .text("")
        case .uuid: .text("00000000-0000-0000-0000-000000000000")
        case .date, .timestamp, .timestamptz: .text("-infinity")
        default: nil
        }
    }
}
