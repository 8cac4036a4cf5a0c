import BatchEngine
import Foundation
import PostgresClient

/// The temporary copies of the application's tables a sandbox session rehearses on: same columns, defaults,
/// constraints and indexes (by their own names), no rows. Each copy is made in a statement of its own, so the
/// lock it takes on the real table (ACCESS SHARE, which no application query waits for) lasts a moment; the copies
/// vanish with the session.
struct ShadowTables {
    /// The temporary table of each real table, by its reference as steps write it (`items`, `app.items`).
    private(set) var names: [String: String] = [:]

    /// Copies every table the steps may use: each name their SQL or their `batch:` header mentions that is a table.
    init(for steps: [any Step], on connection: PostgresConnection) throws {
        for reference in Self.references(in: steps) {
            guard let (schema, table, name) = try resolve(reference, on: connection) else { continue }
            try copy(schema: schema, table: table, as: name, on: connection)
            names[reference.description] = name
        }
    }

    /// The temporary table standing for `table`, if it was copied.
    func shadow(of table: TableName) -> String? {
        names[table.description] ?? (table.schema == nil ? nil : names[table.name])
    }

    /// Every name the steps mention, with its schema when written qualified.
    private static func references(in steps: [any Step]) -> Set<TableName> {
        var references: Set<TableName> = []
        for step in steps {
            guard let file = (step as? SQLFileStep)?.file else { continue }
            if case .keys(let table, _) = file.walk { references.insert(table) }
            for statement in file.script.statements {
                let names = statement.tokens.map { Self.name(of: $0, in: statement.text) }
                for index in names.indices {
                    guard let name = names[index] else { continue }
                    references.insert(TableName(schema: nil, name: name))
                    if index + 2 < names.count, statement.text[statement.tokens[index + 1].range] == ".",
                        let table = names[index + 2]
                    {
                        references.insert(TableName(schema: name, name: table))
                    }
                }
            }
        }
        return references
    }

    /// The identifier a token names, as the catalog stores it: a bare word folded to lower case, a quoted one as
    /// written.
    static func name(of token: SQLToken, in text: String) -> String? {
        switch token.kind {
        case .word: String(text[token.range]).lowercased()
        case .quotedIdentifier where text[token.range].first == "\"":
            String(text[token.range].dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        default: nil
        }
    }

    /// The real table a reference resolves to, and the name of its copy; `nil` when it is not a table.
    private func resolve(
        _ reference: TableName, on connection: PostgresConnection
    ) throws -> (String, String, String)? {
        guard
            let row = try connection.execute(
                """
                SELECT n.nspname, c.relname, to_regclass(quote_ident(c.relname)) = c.oid
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_temp%'
                """, [PostgresParameter(reference.quoted)]
            ).rows.first, let schema = row[0], let table = row[1]
        else { return nil }
        // A table reachable by its bare name keeps that name; one only reachable qualified gets one of its own.
        return (schema, table, row[2] == "t" ? table : "\(schema).\(table)")
    }

    /// Creates the copy: columns, defaults, checks and identity with `LIKE`, then keys and indexes under their own
    /// names, rebuilt from the catalog's definitions. Foreign keys are left out: a temporary table cannot refer to a
    /// real one.
    private func copy(schema: String, table: String, as name: String, on connection: PostgresConnection) throws {
        let source = "\(schema.quotedIdentifier).\(table.quotedIdentifier)"
        let target = "pg_temp.\(name.quotedIdentifier)"
        try connection.executeScript(
            "CREATE TEMPORARY TABLE \(target) (LIKE \(source) INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                + " INCLUDING IDENTITY INCLUDING GENERATED)")
        let statements = try connection.execute(
            """
            SELECT 'ALTER TABLE ' || $2 || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' '
                   || pg_get_constraintdef(k.oid)
              FROM pg_constraint k WHERE k.conrelid = $1::regclass AND k.contype IN ('p', 'u', 'x')
            UNION ALL
            SELECT regexp_replace(pg_get_indexdef(i.indexrelid), ' ON (ONLY )?\\S+ USING ', ' ON ' || $2 || ' USING ')
              FROM pg_index i
             WHERE i.indrelid = $1::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """, [PostgresParameter(source), PostgresParameter(target)]
        ).rows.compactMap { $0[0] }
        for statement in statements { try connection.executeScript(statement) }
    }
}
