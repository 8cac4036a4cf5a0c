import BatchEngine
import GRDB
import GRDBSQLite

extension SQLiteExecutor {
    /// Checks the key columns through SQLite's catalog: the table and columns exist, and the columns lead a plain
    /// (not partial) index, in order, whose collations are the columns' own; an INTEGER PRIMARY KEY is the table's
    /// own index.
    func keyIndex(of table: TableName, _ columns: [String]) throws -> KeyIndex {
        let schema = table.schema ?? "main"
        guard
            let create = try firstRow(
                "SELECT sql FROM \(schema.quotedIdentifier).sqlite_schema WHERE type = 'table' AND name = ?",
                [.text(table.name)])
        else { throw KeyColumnProblem.missingTable(table.description) }
        let withoutRowID = create.first?.text?.uppercased().contains("WITHOUT ROWID") ?? false
        let declared = try tableColumns(of: table, schema: schema)
        var keys: [(column: Column, collation: String)] = []
        for name in columns {
            if let column = declared.first(where: { $0.name.lowercased() == name.lowercased() }) {
                keys.append((column, try collation(of: column.name, in: table, schema: schema)))
            } else if !withoutRowID && columns.count == 1 && ["rowid", "_rowid_", "oid"].contains(name.lowercased()) {
                return KeyIndex(
                    columns: [KeyColumn(name: name, leastValue: .real(-.infinity), nullable: false)], isUnique: true)
            } else {
                throw KeyColumnProblem.missingColumn(table: table.description, column: name)
            }
        }
        let described = keys.map { key in
            KeyColumn(
                name: key.column.name, leastValue: key.column.isText ? .text("") : .real(-.infinity),
                nullable: !key.column.notNull && !(withoutRowID && key.column.primaryKey))
        }
        if !withoutRowID, keys.count == 1, keys[0].column.isRowIDAlias(among: declared) {
            return KeyIndex(columns: described, isUnique: true)
        }
        let indexes = try self.indexes(of: table, schema: schema)
        let leading = indexes.filter { index in
            index.columns.count >= keys.count
                && zip(index.columns, keys).allSatisfy { $0.name.lowercased() == $1.column.name.lowercased() }
        }
        let usable = leading.filter { index in
            !index.partial
                && zip(index.columns, keys).allSatisfy { $0.collation.uppercased() == $1.collation.uppercased() }
        }
        guard let best = usable.first(where: { $0.unique && $0.columns.count == keys.count }) ?? usable.first else {
            let why =
                leading.isEmpty
                ? "\(keys.count == 1 ? "is not the first column" : "are not the first columns") of any index"
                : leading.allSatisfy(\.partial)
                    ? "lead only partial indexes, which do not hold every row"
                    : "lead only indexes whose collation is not the column's (\(keys.map(\.collation).joined(separator: ", ")))"
            throw KeyColumnProblem.notIndexed(table: table.description, columns: columns, why: why)
        }
        return KeyIndex(columns: described, isUnique: best.unique && best.columns.count == keys.count)
    }

    /// A column as `pragma_table_xinfo` describes it.
    struct Column {
        var name: String
        var type: String
        var notNull: Bool
        var primaryKey: Bool

        /// Under SQLite's affinity rules a value compared with a TEXT column is converted to text, so '' is the
        /// least key there; elsewhere -infinity sorts below every number, text and blob.
        var isText: Bool {
            let type = type.uppercased()
            return !type.contains("INT") && ["CHAR", "CLOB", "TEXT"].contains { type.contains($0) }
        }

        /// Whether the column is the table's INTEGER PRIMARY KEY, an alias of its row id.
        func isRowIDAlias(among columns: [Column]) -> Bool {
            primaryKey && type.uppercased() == "INTEGER" && columns.count(where: \.primaryKey) == 1
        }
    }

    /// An index as `pragma_index_list` and `pragma_index_xinfo` describe it.
    private struct Index {
        var unique: Bool
        var partial: Bool
        var columns: [(name: String, collation: String)]
    }

    private func tableColumns(of table: TableName, schema: String) throws -> [Column] {
        var columns: [Column] = []
        try forEachRow(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_xinfo(?, ?) WHERE hidden = 0",
            [.text(table.name), .text(schema)]
        ) { row in
            columns.append(
                Column(
                    name: row[0].text ?? "", type: row[1].text ?? "", notNull: row[2].integer == 1,
                    primaryKey: (row[3].integer ?? 0) > 0))
        }
        return columns
    }

    private func indexes(of table: TableName, schema: String) throws -> [Index] {
        var listed: [(String, Bool, Bool)] = []
        try forEachRow(
            "SELECT name, \"unique\", partial FROM pragma_index_list(?, ?)", [.text(table.name), .text(schema)]
        ) { row in
            listed.append((row[0].text ?? "", row[1].integer == 1, row[2].integer == 1))
        }
        return try listed.map { name, unique, partial in
            var columns: [(String, String)] = []
            try forEachRow(
                "SELECT name, coll FROM pragma_index_xinfo(?, ?) WHERE key = 1 ORDER BY seqno",
                [.text(name), .text(schema)]
            ) { row in
                // An expression column has no name, and matches no key column.
                columns.append((row[0].text ?? "", row[1].text ?? "BINARY"))
            }
            return Index(unique: unique, partial: partial, columns: columns)
        }
    }

    /// The collation a comparison with the column uses: its declared one, BINARY by default.
    private func collation(of column: String, in table: TableName, schema: String) throws -> String {
        var collation: UnsafePointer<CChar>?
        let code = sqlite3_table_column_metadata(
            db.sqliteConnection, schema, table.name, column, nil, &collation, nil, nil, nil)
        guard code == SQLITE_OK, let collation else { return "BINARY" }
        return String(cString: collation)
    }
}
