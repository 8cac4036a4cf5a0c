import BatchEngine
import Testing

@Suite struct SQLScriptTests {
    private func texts(_ sql: String) -> [String] {
        SQLScript(sql).statements.map(\.text)
    }

    private func parameters(_ sql: String) -> [String] {
        SQLScript(sql).statements.flatMap(\.parameters).map(\.spelling)
    }

    @Test(arguments: [
        // Strings, quoted identifiers and comments keep their `;`.
        ("SELECT 'a;b', 'it''s;'; SELECT 2", ["SELECT 'a;b', 'it''s;'", "SELECT 2"]),
        (
            "SELECT \"a;b\", \"x\"\";\", [c;d], `e;f`; SELECT 2",
            ["SELECT \"a;b\", \"x\"\";\", [c;d], `e;f`", "SELECT 2"]
        ),
        ("SELECT E'it\\'s; :x'; SELECT 2", ["SELECT E'it\\'s; :x'", "SELECT 2"]),
        ("SELECT e'\\\\'; SELECT 2", ["SELECT e'\\\\'", "SELECT 2"]),
        ("SELECT 'a\\'; SELECT 2", ["SELECT 'a\\'", "SELECT 2"]),
        (
            "SELECT U&'d\\0061t;', U&\"a;b\", X'00;', B'01;', N'x;'; SELECT 2",
            ["SELECT U&'d\\0061t;', U&\"a;b\", X'00;', B'01;', N'x;'", "SELECT 2"]
        ),
        ("/* outer /* inner */ ; :x */ SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
        ("SELECT 1 -- ; SELECT 2\n; SELECT 3", ["SELECT 1", "SELECT 3"]),
        // Dollar quotes, with and without a tag.
        ("DO $$ BEGIN PERFORM 1; -- :x\n END $$; SELECT 2", ["DO $$ BEGIN PERFORM 1; -- :x\n END $$", "SELECT 2"]),
        (
            "CREATE FUNCTION f() RETURNS text AS $body$ SELECT $$;$$ $body$ LANGUAGE sql; SELECT 2",
            ["CREATE FUNCTION f() RETURNS text AS $body$ SELECT $$;$$ $body$ LANGUAGE sql", "SELECT 2"]
        ),
        ("SELECT a$b$c; SELECT 2", ["SELECT a$b$c", "SELECT 2"]),
        // Bodies: SQLite's triggers, PostgreSQL's BEGIN ATOMIC, CASE ... END inside them.
        (
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE a SET n = n + 1; DELETE FROM b; END; SELECT 2",
            ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE a SET n = n + 1; DELETE FROM b; END", "SELECT 2"]
        ),
        (
            "CREATE TEMP TRIGGER tr BEFORE UPDATE ON t WHEN CASE WHEN 1 THEN 1 END BEGIN"
                + " UPDATE a SET n = CASE WHEN n > 0 THEN 1 ELSE CASE n WHEN 0 THEN 2 END END; SELECT 1; END;"
                + " SELECT 2",
            [
                "CREATE TEMP TRIGGER tr BEFORE UPDATE ON t WHEN CASE WHEN 1 THEN 1 END BEGIN"
                    + " UPDATE a SET n = CASE WHEN n > 0 THEN 1 ELSE CASE n WHEN 0 THEN 2 END END; SELECT 1; END",
                "SELECT 2",
            ]
        ),
        (
            "CREATE OR REPLACE PROCEDURE p(a int) LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (a);"
                + " INSERT INTO u VALUES (a); END; CALL p(1)",
            [
                "CREATE OR REPLACE PROCEDURE p(a int) LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (a);"
                    + " INSERT INTO u VALUES (a); END",
                "CALL p(1)",
            ]
        ),
        // A BEGIN that starts a statement, or that is a name, opens nothing.
        ("BEGIN; UPDATE t SET a = 1; COMMIT;", ["BEGIN", "UPDATE t SET a = 1", "COMMIT"]),
        (
            "CREATE TABLE t (begin int); INSERT INTO begin VALUES (1); SELECT 2",
            [
                "CREATE TABLE t (begin int)", "INSERT INTO begin VALUES (1)", "SELECT 2",
            ]
        ),
        // Parentheses.
        (
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 2",
            [
                "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                "SELECT 2",
            ]
        ),
        // Blank stretches are not statements; unterminated runs go to the end.
        ("-- a\n/* b */ ;; \n ; -- c", []),
        ("", []),
        ("SELECT 'abc; SELECT 2", ["SELECT 'abc; SELECT 2"]),
        ("SELECT 1 /* abc; SELECT 2", ["SELECT 1"]),
        ("SELECT $x$ abc; SELECT 2", ["SELECT $x$ abc; SELECT 2"]),
        ("  -- note\n  SELECT 1 /* c */ ;\n", ["SELECT 1"]),
    ])
    func statementsEndAtTopLevelSemicolons(sql: String, expected: [String]) {
        #expect(texts(sql) == expected)
    }

    @Test(arguments: [
        ("SELECT x::int, '{}'::jsonb, now()::date, a :: text WHERE id > :from", [":from"]),
        ("SELECT $name, $1, ?, ?3, @at, :colon, $$:no$$, $t$ :no $t$", ["$name", "$1", "?", "?3", "@at", ":colon"]),
        ("SELECT ':x', \":y\", `:z`, [:w], E'\\':v', /* :u /* :t */ */ 1 -- :s", []),
        (
            "SELECT a[1:2], b[:from], ARRAY[:to], ARRAY [:lo], (f(x))[:hi], \"c\"[:n], int[] FROM t",
            [
                ":from", ":to", ":lo", ":hi", ":n",
            ]
        ),
        ("SELECT [a:b], x, [c:d] FROM t", []),
        ("SELECT j ? 'k', j ?| array['a'], j @> '{}', a := 1, $ , @ , : FROM t", ["?", "?"]),
        ("SELECT :été, :_x1, :1, @2", [":été", ":_x1"]),
    ])
    func parametersAreFoundOutsideLiterals(sql: String, expected: [String]) {
        #expect(parameters(sql) == expected)
    }

    @Test func parametersCarryPrefixNameAndRange() throws {
        let statement = try #require(SQLScript("SELECT $1, ?2,\n @a, $b, :c").statements.first)
        let found = statement.parameters.map { ($0.name, $0.prefix, String(statement.text[$0.range]), $0.line) }
        #expect(found.map(\.0) == ["$1", "?2", "a", "b", "c"])
        #expect(found.map(\.1) == [.dollarNumber, .questionMark, .at, .dollar, .colon])
        #expect(found.map(\.2) == ["$1", "?2", "@a", "$b", ":c"])
        #expect(found.map(\.3) == [1, 1, 2, 2, 2])
        #expect(statement.parameters.map(\.prefix.isNamed) == [false, false, true, true, true])
    }

    @Test func tokensHaveKindsWordsAndLines() throws {
        let statement = try #require(
            SQLScript("select x::int,\n'a', 1.5e-3, \"q\", :p from app.t", firstLine: 7).statements.first)
        let kinds: [SQLToken.Kind] = [
            .word, .word, .symbol, .word, .symbol, .string, .symbol, .number, .symbol, .quotedIdentifier, .symbol,
            .parameter(.colon), .word, .word, .symbol, .word,
        ]
        #expect(statement.tokens.map(\.kind) == kinds)
        #expect(statement.tokens.compactMap(\.word) == ["SELECT", "X", "INT", "FROM", "APP", "T"])
        #expect(statement.tokens.map { String(statement.text[$0.range]) }[2] == "::")
        #expect(statement.tokens.map(\.line) == [7, 7, 7, 7, 7] + Array(repeating: 8, count: 11))
        #expect(statement.keyword == "SELECT")
    }

    @Test(arguments: [
        ("SELECT 1;\r\nSELECT\r\n 2;\r\n\r\nSELECT 3", [1, 2, 5]),
        ("SELECT 1;\rSELECT 2;\r\rSELECT 3", [1, 2, 4]),
        ("SELECT 1;\nSELECT 2;\n\nSELECT 3", [1, 2, 4]),
        ("SELECT '\n\r\n\r';\n/* \r\n */ SELECT 2; SELECT $$\r$$; SELECT 4", [1, 6, 6, 7]),
        ("SELECT 1; SELECT '\u{2028}'; \u{0C}SELECT 3; \u{85}\u{0B}SELECT 4", [1, 1, 1, 1]),
    ])
    func linesBreakAtNewlinesCRLFAndLoneCR(sql: String, lines: [Int]) {
        #expect(SQLScript(sql, firstLine: 1).statements.map(\.line) == lines)
    }

    @Test func lineNumbersStartAtTheGivenLine() {
        #expect(SQLScript("\n\nSELECT 1; SELECT\n:x", firstLine: 10).statements.map(\.line) == [12, 12])
        #expect(SQLScript("\n\nSELECT 1; SELECT\n:x", firstLine: 10).statements[1].parameters.map(\.line) == [13])
    }

    @Test func textIsTheSourceByteForByte() throws {
        let sql = "UPDATE t SET a = 'x\r\ny\u{2028}z\u{0C}w\u{85}' || e\u{301}\r\n WHERE id > :from ;\r\n"
        let statement = try #require(SQLScript(sql).statements.first)
        #expect(Array(statement.text.utf8) == Array(sql.utf8.dropLast(4)))
    }

    @Test func renderingReplacesNamedParametersOnly() throws {
        let sql = "UPDATE t SET a = :to WHERE id > :from AND id <= :to AND j ? 'k' AND c = ':x'::text -- :y"
        let statement = try #require(SQLScript(sql).statements.first)
        let numbers = ["from": 1, "to": 2]
        let rendered = statement.rendered(replacingNamedParameters: { "$\(numbers[$0.name]!)" })
        #expect(rendered == "UPDATE t SET a = $2 WHERE id > $1 AND id <= $2 AND j ? 'k' AND c = ':x'::text")
        #expect(statement.rendered(replacingNamedParameters: { String(statement.text[$0.range]) }) == statement.text)
    }

    @Test func renderingKeepsBytesAroundParameters() throws {
        let sql = "SELECT 'é\r\n', :a\u{301}, @b, $c, $1, ?"
        let statement = try #require(SQLScript(sql).statements.first)
        let rendered = statement.rendered(replacingNamedParameters: { "<\($0.name)>" })
        #expect(Array(rendered.utf8) == Array("SELECT 'é\r\n', <a\u{301}>, <b>, <c>, $1, ?".utf8))
    }
}
