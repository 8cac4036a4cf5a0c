import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct ExecuteTests {
    @Test func bindsParametersWithAndWithoutATypeOID() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        #expect(try connection.execute("SELECT pg_typeof($1)::text", [.init("7", type: .int4)]).scalar == "integer")
        #expect(try connection.execute("SELECT pg_typeof($1)::text", [7]).scalar == "bigint")
        // Where nothing gives an untyped parameter a type, the server says so.
        let untyped = try #require(throws: PostgresError.self) { try connection.execute("SELECT pg_typeof($1)", ["7"]) }
        #expect(untyped.sqlState == "42P18")
        #expect(try connection.execute("SELECT $1 + 1", [41]).scalar == "42")
        #expect(try connection.execute("SELECT $1::int + 1", ["41"]).scalar == "42")
        #expect(try connection.execute("SELECT $1 * 2", [.init(1.25)]).scalar == "2.5")
        #expect(try connection.execute("SELECT NOT $1", [.init(true)]).scalar == "f")

        // Untyped parameters take the type of the column they meet.
        try connection.executeScript("CREATE TABLE events (id uuid PRIMARY KEY, at timestamptz, payload jsonb)")
        let id = UUID().uuidString.lowercased()
        try connection.execute(
            "INSERT INTO events VALUES ($1, $2, $3)", [.init(id), "2024-02-29 12:00:00+00", #"{"a": 1}"#])
        let row = try #require(try connection.execute("SELECT id, at, payload->>'a' FROM events").rows.first)
        #expect(row.values == [id, "2024-02-29 12:00:00+00", "1"])
    }

    @Test func nullGoesBothWays() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let row = try #require(
            try connection.execute("SELECT $1::text IS NULL, NULL::int AS nothing", [nil]).rows.first)
        #expect(row[0] == "t")
        #expect(row["nothing"] == nil)
        #expect(row.values.count == 2)
    }

    @Test func unicodeRoundTrips() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let text = "héllo wörld — 日本語 🚀 \u{301}e"
        let result = try connection.execute(#"SELECT $1::text AS "名前", length($1)"#, [.init(text)])
        #expect(result.columns.first?.name == "名前")
        #expect(result.scalar == text)
        #expect(result.rows.first?[1] == "\(text.unicodeScalars.count)")
    }

    @Test func byteaRoundTrips() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let bytes = (0...255).map(UInt8.init) + [0, 0, 255]
        try connection.executeScript("CREATE TABLE blobs (data bytea)")
        try connection.execute("INSERT INTO blobs VALUES ($1)", [.init(bytes: bytes)])
        let result = try connection.execute("SELECT data, octet_length(data) FROM blobs")
        #expect(result.columns.first?.type == .bytea)
        #expect(result.rows.first?[1] == "\(bytes.count)")
        #expect(PostgresBytea.decode(try #require(result.scalar)) == bytes)
    }

    @Test func reportsCommandTagsAndAffectedRows() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let create = try connection.execute("CREATE TABLE items (id int PRIMARY KEY, n int)")
        #expect(create.commandTag == "CREATE TABLE")
        #expect(create.affectedRows == nil)
        let insert = try connection.execute("INSERT INTO items SELECT i, 0 FROM generate_series(1, 5) i")
        #expect(insert.commandTag == "INSERT 0 5")
        #expect(insert.affectedRows == 5)
        #expect(try connection.execute("UPDATE items SET n = 1 WHERE id > $1", [3]).affectedRows == 2)
        #expect(try connection.execute("DELETE FROM items WHERE id = 1").affectedRows == 1)
        let select = try connection.execute("SELECT * FROM items ORDER BY id")
        #expect(select.affectedRows == 4)
        #expect(select.rows.map { $0["id"] } == ["2", "3", "4", "5"])
    }

    @Test func typeConstantsMatchTheCatalog() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let constants: [(String, PostgresType)] = [
            ("bool", .bool), ("int2", .int2), ("int4", .int4), ("int8", .int8), ("float4", .float4),
            ("float8", .float8), ("numeric", .numeric), ("text", .text), ("varchar", .varchar), ("bpchar", .bpchar),
            ("name", .name), ("bytea", .bytea), ("uuid", .uuid), ("date", .date), ("timestamp", .timestamp),
            ("timestamptz", .timestamptz), ("json", .json), ("jsonb", .jsonb),
        ]
        for (name, type) in constants {
            let oid = try connection.execute("SELECT oid FROM pg_type WHERE typname = $1", [.init(name)]).scalar
            #expect(oid == "\(type.rawValue)", "\(name)")
        }
        let columns = try connection.execute(
            "SELECT true, 1::int2, 1::int4, 1::int8, 1::float4, 1::float8, 1::numeric, 'a'::text, 'a'::varchar, "
                + "'a'::char, 'a'::name, ''::bytea, gen_random_uuid(), current_date, localtimestamp, now(), "
                + "'{}'::json, '{}'::jsonb"
        ).columns
        #expect(columns.map(\.type) == constants.map(\.1))
    }

    @Test func runsScriptsOfSeveralStatementsInOneImplicitTransaction() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript("SET statement_timeout = '5s'; SET lock_timeout = '1s'")
        #expect(try connection.execute("SHOW lock_timeout").scalar == "1s")
        #expect(try connection.execute("SHOW statement_timeout").scalar == "5s")

        let error = try #require(throws: PostgresError.self) {
            try connection.executeScript("CREATE TABLE a (); SELECT 1/0; CREATE TABLE b ()")
        }
        #expect(error.sqlState == "22012")
        #expect(try connection.execute("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')").scalar == "0")

        // The extended protocol takes one statement at a time.
        let several = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1; SELECT 2") }
        #expect(several.sqlState == "42601")
    }

    @Test func refusesCopyAndStaysUsable() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript("CREATE TABLE t (n int)")
        for sql in ["COPY t FROM STDIN", "COPY (SELECT 1) TO STDOUT"] {
            let error = try #require(throws: PostgresError.self) { try connection.execute(sql) }
            #expect(error.kind == .client)
            #expect(try connection.execute("SELECT 1").scalar == "1")
        }
        #expect(throws: PostgresError.self) {
            try connection.executeScript("COPY t FROM STDIN; INSERT INTO t VALUES (1)")
        }
        #expect(try connection.execute("SELECT count(*) FROM t").scalar == "0")
        #expect(connection.transactionStatus == .idle)
    }

    @Test func refusesNULCharacters() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        for call in [{ try connection.execute("SELECT $1", ["a\u{0}b"]) }, { try connection.execute("SELECT 1\u{0}") }]
        {
            let error = try #require(throws: PostgresError.self) { _ = try call() }
            #expect(error.kind == .client)
        }
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }
}
