import BatchEngine
import Foundation
import Testing

@Suite struct UpdateFileParserTests {
    private func parse(_ text: String, name: String = "0001_test.sql") throws -> UpdateFile {
        try UpdateFileParser.parse(path: "updates/\(name)", data: Data(text.utf8))
    }

    private func failure(_ text: String, name: String = "0001_test.sql") -> BatchError? {
        expectBatchError { _ = try parse(text, name: name) }
    }

    @Test func fileWithoutHeadersRunsOnce() throws {
        let file = try parse("-- creates the table\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n")
        #expect(file.id == "0001_test")
        #expect(file.number == 1)
        #expect(file.walk == nil)
        #expect(file.phase == .update)
        #expect(file.bodyLine == 2)
        #expect(file.body.hasPrefix("CREATE TABLE"))
    }

    @Test func batchHeaderWithTableAndKey() throws {
        let file = try parse(
            "-- batch: table=items key=id\n-- after: 0000_a, 0000_b\n-- phase: post\n\nUPDATE items SET n = 1"
                + " WHERE id > :from AND id <= :to;")
        #expect(file.walk == .keys(table: TableName(name: "items"), columns: ["id"]))
        #expect(file.walkLine == 1)
        #expect(file.after == ["0000_a", "0000_b"])
        #expect(file.afterLine == 2)
        #expect(file.phase == .post)
        #expect(file.bodyLine == 5)
    }

    @Test func batchHeaderWithRange() throws {
        let file = try parse("-- batch: range=-5..10\nINSERT INTO t SELECT :from WHERE :to > 0;")
        #expect(file.walk == .integers(first: -5, last: 10))
    }

    @Test func afterHeadersAccumulate() throws {
        let file = try parse("-- after: a\n-- after: b\nSELECT 1;")
        #expect(file.after == ["a", "b"])
    }

    @Test func commentsInsideTheBodyAreNotHeaders() throws {
        let file = try parse("SELECT 1;\n-- batch: table=t key=id\n")
        #expect(file.walk == nil)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let file = try parse("\u{FEFF}-- phase: post\r\nSELECT 1;\r\n")
        #expect(file.phase == .post)
        #expect(file.bodyLine == 2)
    }

    @Test(arguments: [
        ("-- colour: red\nSELECT 1;", 1 as Int?, "unknown header 'colour:'"),
        ("\n-- batch table=t key=id\nSELECT 1;", 2, "needs a colon"),
        ("-- phase: later\nSELECT 1;", 1, "phase must be 'update' or 'post'"),
        ("-- batch: table=t\nUPDATE t SET a = 1 WHERE id > :from AND id <= :to;", 1, "give both table= and key="),
        ("-- batch: table=t key=id range=1..2\nSELECT :from, :to;", 1, "give both table= and key="),
        ("-- batch: table=t key=id colour=red\nSELECT :from, :to;", 1, "unknown setting 'colour'"),
        ("-- batch: table=t key=id key=x\nSELECT :from, :to;", 1, "'key' is given twice"),
        ("-- batch: table=t;drop key=id\nSELECT :from, :to;", 1, "not a plain identifier"),
        ("-- batch: range=10..1\nSELECT :from, :to;", 1, "range must be FIRST..LAST"),
        ("-- batch: range=a..b\nSELECT :from, :to;", 1, "range must be FIRST..LAST"),
        ("-- batch: table=t key=id\n\nUPDATE t SET a = 1 WHERE id <= :to;", 1, "must bind :from"),
        ("-- batch: table=t key=id\nUPDATE t SET a = 1 WHERE id > :from;", 1, "must bind :to"),
        (
            "-- batch: table=t key=id\nUPDATE t SET a = 1\n WHERE id > :from AND id <= :upto;", 3,
            "unknown parameter :upto"
        ),
        ("SELECT 1;\nSELECT :x;", 2, "parameter :x in a file without a 'batch:' header"),
        ("-- phase: post\n-- phase: post\nSELECT 1;", 2, "appears twice"),
        ("-- only a comment\n\n", nil, "no SQL statement"),
        ("", nil, "no SQL statement"),
        ("-- after: a b\nSELECT 1;", 1, "after: takes step ids"),
    ])
    func headerErrorsNameTheLine(text: String, line: Int?, fragment: String) {
        let error = failure(text)
        #expect(error?.status == .invalidInput)
        #expect(error?.location == SourceLocation(file: "updates/0001_test.sql", line: line))
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test func parametersInStringsAndCommentsAreIgnored() throws {
        let file = try parse(
            "-- batch: table=t key=id\nUPDATE t SET note = ':x' /* :y */ -- :z\n WHERE id > :from AND id <= :to;")
        #expect(file.walk != nil)
    }

    @Test(arguments: ["1_.sql", "abc.sql", "0001-name.sql", "0001_na me.sql", "_0001_x.sql", "0001_x.SQL"])
    func badFileNamesAreRefused(name: String) {
        let error = failure("SELECT 1;", name: name)
        #expect(error?.status == .invalidInput)
        #expect(error?.message.contains("NNNN_description.sql") == true)
        #expect(error?.location?.file == "updates/\(name)")
    }

    @Test func binaryAndNonUTF8FilesAreRefused() {
        let binary = expectBatchError {
            _ = try UpdateFileParser.parse(path: "u/0001_b.sql", data: Data([0x53, 0x00, 0x51]))
        }
        #expect(binary?.message.contains("binary file") == true)
        let latin1 = expectBatchError {
            _ = try UpdateFileParser.parse(path: "u/0001_l.sql", data: Data([0x53, 0xE9, 0x0A]))
        }
        #expect(latin1?.message.contains("not valid UTF-8") == true)
    }

    @Test func checksumFollowsTheBytes() throws {
        let first = try parse("SELECT 1;")
        let same = try parse("SELECT 1;")
        let changed = try parse("SELECT 2;")
        #expect(first.checksum == same.checksum)
        #expect(first.checksum != changed.checksum)
        #expect(first.checksum.count == 16)
    }

    @Test func statementLinesAreFoundInTheBody() throws {
        let file = try parse("-- phase: update\nSELECT 1;\n\nSELECT broken;\n")
        #expect(file.line(ofStatement: "SELECT broken") == 4)
        #expect(file.line(ofStatement: nil) == 2)
    }

    @Test func statementLinesAreFoundFromWhatTheDatabaseReports() throws {
        let file = try parse("-- phase: update\nSELECT 1;\n-- note\nSELECT broken ;\nSELECT 3;\n")
        #expect(file.line(ofStatement: "-- note\nSELECT broken ;\nSELECT 3;") == 4)
        #expect(file.line(ofStatement: "SELECT 3") == 5)
        #expect(file.line(ofStatement: "SELECT 4") == 2)
        #expect(file.script.statements.map(\.line) == [2, 4, 5])
    }

    @Test(arguments: [
        ("-- phase: post\r\nINSERT INTO t VALUES ('a\r\nb');\r\n", "INSERT INTO t VALUES ('a\r\nb')"),
        ("-- phase: post\rINSERT INTO t VALUES ('a\rb')\r", "INSERT INTO t VALUES ('a\rb')"),
        (
            "-- phase: post\nINSERT INTO t VALUES ('a\u{2028}b\u{0C}c\u{85}d\u{2029}');",
            "INSERT INTO t VALUES ('a\u{2028}b\u{0C}c\u{85}d\u{2029}')"
        ),
    ])
    func bodyIsTheFileTextByteForByte(text: String, statement: String) throws {
        let file = try parse(text)
        #expect(file.bodyLine == 2)
        #expect(
            Array(file.body.utf8)
                == Array(text.utf8.drop(while: { $0 != 0x0A && $0 != 0x0D }).dropFirst(text.contains("\r\n") ? 2 : 1)))
        #expect(file.script.statements.map { Array($0.text.utf8) } == [Array(statement.utf8)])
    }

    @Test(arguments: [
        ("-- phase: post\r\n\r\nSELECT 1;\r\nSELECT\r\n 2; SELECT 3;\r\n\r\nSELECT 4;\r\n", 3, [3, 4, 5, 7]),
        ("-- phase: post\r\rSELECT 1;\rSELECT\r 2; SELECT 3;\r\rSELECT 4;\r", 3, [3, 4, 5, 7]),
        ("-- phase: post\n\u{2028}\nSELECT 1;\u{2028}SELECT 2;\u{0C}SELECT 3;", 2, [2, 3, 3]),
    ])
    func statementLinesCountNewlinesCRLFAndLoneCR(text: String, bodyLine: Int, lines: [Int]) throws {
        let file = try parse(text)
        #expect(file.bodyLine == bodyLine)
        #expect(file.script.statements.map(\.line) == lines)
    }

    @Test func compositeKeysBindAPairPerColumn() throws {
        let file = try parse(
            "-- batch: table=app.field_data key=entity_id,deleted,delta,langcode\n"
                + "UPDATE app.field_data SET v = 1\n WHERE (entity_id, deleted, delta, langcode)\n"
                + "   > (:from_entity_id, :from_deleted, :from_delta, :from_langcode)\n"
                + "   AND (entity_id, deleted, delta, langcode) <= (:to_entity_id, :to_deleted, :to_delta, :to_langcode);"
        )
        let table = TableName(schema: "app", name: "field_data")
        #expect(file.walk == .keys(table: table, columns: ["entity_id", "deleted", "delta", "langcode"]))
        #expect(
            file.walk?.parameterNames == [
                "from_entity_id", "from_deleted", "from_delta", "from_langcode",
                "to_entity_id", "to_deleted", "to_delta", "to_langcode",
            ])
        #expect(UpdateFile.Walk.keys(table: table, columns: ["id"]).parameterNames == ["from", "to"])
        #expect(UpdateFile.Walk.integers(first: 1, last: 2).parameterNames == ["from", "to"])
    }

    @Test func tableNamesQuoteEachPart() throws {
        let file = try parse(
            "-- batch: table=app.items key=id\nUPDATE app.items SET n = 1 WHERE id > :from AND id <= :to;")
        #expect(file.walk == .keys(table: TableName(schema: "app", name: "items"), columns: ["id"]))
        #expect(TableName(schema: "app", name: "items").quoted == "\"app\".\"items\"")
        #expect(TableName(schema: "app", name: "items").description == "app.items")
        #expect(TableName(name: "items").quoted == "\"items\"")
        #expect(TableName(name: "items").description == "items")
    }

    @Test func transactionNoneRunsStatementsThatRefuseATransaction() throws {
        let file = try parse(
            "-- transaction: none\nCREATE INDEX CONCURRENTLY items_slug ON items (slug);\n"
                + "DROP INDEX CONCURRENTLY old_slug;\nREINDEX TABLE CONCURRENTLY items;\nVACUUM items;\n")
        #expect(!file.runsInTransaction)
        #expect(file.script.statements.map(\.keyword) == ["CREATE", "DROP", "REINDEX", "VACUUM"])
        #expect(try parse("SELECT 1;").runsInTransaction)
    }

    @Test func workersLimitABatchedFile() throws {
        let walk = "\nUPDATE t SET n = 1 WHERE id > :from AND id <= :to;"
        #expect(try parse("-- batch: table=t key=id\n-- workers: 1" + walk).workers == 1)
        #expect(try parse("-- workers: 8\n-- batch: range=1..100" + walk).workers == 8)
        #expect(try parse("-- batch: table=t key=id" + walk).workers == nil)
    }

    @Test(arguments: [
        // A `?` is PostgreSQL's jsonb operator; the SQLite backend refuses it as a parameter itself.
        "SELECT data ? 'k', data ?| array['a'] FROM t;",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE a SET n = CASE WHEN n > 0 THEN 1 END; END;",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
        "DO $$ BEGIN PERFORM 1; COMMIT; END $$;",
        "SELECT x::int, '{}'::jsonb, now()::date, ':p', $$ :q $$ -- :r\n;",
        "CREATE TABLE t (begin int, \"commit\" int, concurrently int);",
        "ALTER TABLE t ADD COLUMN concurrently int;",
    ])
    func oneShotFilesAccept(sql: String) throws {
        #expect(try parse(sql).script.statements.count == 1)
    }

    @Test(arguments: [
        // Tables, composite keys and their parameters.
        ("-- batch: table=a.b.c key=id\nSELECT :from, :to;", 1 as Int?, "table 'a.b.c' is not a plain identifier"),
        ("-- batch: table=.t key=id\nSELECT :from, :to;", 1, "table '.t' is not a plain identifier"),
        ("-- batch: table=t key=a,,b\nSELECT :from, :to;", 1, "key column '' is not a plain identifier"),
        ("-- batch: table=t key=a,1b\nSELECT :from, :to;", 1, "key column '1b' is not a plain identifier"),
        ("-- batch: table=t key=a,b,A\nSELECT :from, :to;", 1, "key column 'A' is listed twice"),
        (
            "-- batch: table=t key=a,b\nUPDATE t SET n = 1\n WHERE (a, b) > (:from_a, :from_b) AND (a, b) <= (:to_a);",
            1, "must bind :to_b (its statements run once per range of (a, b), from (:from_a, :from_b) exclusive"
        ),
        (
            "-- batch: table=t key=a,b\nUPDATE t SET n = 1\n WHERE (a, b) > (:from_a, :from_b)\n"
                + " AND (a, b) <= (:to_a, :to_b) AND a > :from;",
            4, "unknown parameter :from; this file binds :from_a, :from_b, :to_a and :to_b"
        ),
        (
            "-- batch: table=t key=id\nSELECT :from,\n @to;", 3,
            "parameter @to is written with the wrong prefix: write :to"
        ),
        ("-- batch: table=t key=id\nSELECT :from, $to;", 2, "parameter $to is written with the wrong prefix"),
        ("-- batch: table=t key=id\nSELECT :from, :to, $1;", 2, "unknown parameter $1; this file binds :from and :to"),
        ("-- batch: range=1..2\nSELECT :from, :to, @x;", 2, "unknown parameter @x"),
        ("SELECT 1;\nSELECT $1;", 2, "parameter $1 in a file without a 'batch:' header"),
        // transaction: and workers:.
        ("-- transaction: off\nSELECT 1;", 1, "transaction: takes only 'none'"),
        (
            "-- batch: range=1..2\n-- transaction: none\nSELECT :from, :to;", 2,
            "transaction: none cannot be combined with batch"
        ),
        ("-- transaction: none\n-- transaction: none\nSELECT 1;", 2, "appears twice"),
        ("-- batch: range=1..2\n-- workers: 0\nSELECT :from, :to;", 2, "workers: takes a whole number of at least 1"),
        ("-- batch: range=1..2\n-- workers: -1\nSELECT :from, :to;", 2, "workers: takes a whole number"),
        ("-- batch: range=1..2\n-- workers: +2\nSELECT :from, :to;", 2, "workers: takes a whole number"),
        ("-- batch: range=1..2\n-- workers: many\nSELECT :from, :to;", 2, "workers: takes a whole number"),
        (
            "-- batch: range=1..2\n-- workers: 99999999999999999999\nSELECT :from, :to;", 2,
            "workers: takes a whole number"
        ),
        ("\n-- workers: 2\nSELECT 1;", 2, "workers: applies to a batched file"),
        // The engine owns the transaction.
        ("SELECT 1;\nBEGIN;\nSELECT 2;", 2, "BEGIN controls the transaction, which batchrun owns"),
        ("SELECT 1;\n\n  start transaction;", 3, "START TRANSACTION controls the transaction"),
        ("SELECT 1; COMMIT;", 1, "COMMIT controls the transaction"),
        ("SELECT 1;\nEND TRANSACTION;", 2, "END controls the transaction"),
        ("SELECT 1;\nROLLBACK TO SAVEPOINT a;", 2, "ROLLBACK controls the transaction"),
        ("SAVEPOINT a;", 1, "SAVEPOINT controls the transaction"),
        ("SELECT 1;\nRELEASE SAVEPOINT a;", 2, "RELEASE controls the transaction"),
        ("ABORT;", 1, "ABORT controls the transaction"),
        ("PREPARE TRANSACTION 'x';", 1, "PREPARE TRANSACTION controls the transaction"),
        ("COMMIT PREPARED 'x';", 1, "COMMIT PREPARED controls the transaction"),
        ("rollback prepared 'x';", 1, "ROLLBACK PREPARED controls the transaction"),
        ("-- transaction: none\nVACUUM;\nCOMMIT;", 3, "COMMIT controls the transaction"),
        (
            "-- batch: table=t key=id\nUPDATE t SET n = 1 WHERE id > :from AND id <= :to;\nCOMMIT;", 3,
            "COMMIT controls the transaction"
        ),
        // Statements PostgreSQL or SQLite refuse inside a transaction.
        (
            "SELECT 1;\nVACUUM;", 2,
            "VACUUM cannot run inside a transaction; give the file the header '-- transaction: none'"
        ),
        ("CREATE UNIQUE INDEX\nCONCURRENTLY i ON t (a);", 1, "CREATE ... CONCURRENTLY cannot run inside a transaction"),
        ("SELECT 1;\nDROP INDEX CONCURRENTLY i;", 2, "DROP ... CONCURRENTLY cannot run inside a transaction"),
        ("REINDEX INDEX CONCURRENTLY i;", 1, "REINDEX ... CONCURRENTLY cannot run"),
        ("ALTER TABLE t DETACH PARTITION p CONCURRENTLY;", 1, "ALTER ... CONCURRENTLY cannot run"),
        // Lines of CRLF and CR-only files; a U+2028 does not end a header line.
        (
            "-- batch: table=t key=id\r\n\r\nUPDATE t SET a = 1\r\n WHERE id > :from AND id <= :upto;", 4,
            "unknown parameter :upto"
        ),
        ("-- batch: table=t key=id\rUPDATE t\r SET a = :x WHERE id > :from AND id <= :to", 3, "unknown parameter :x"),
        ("-- phase: post\u{2028}SELECT 1;", 1, "phase must be 'update' or 'post'"),
    ])
    func bodyAndHeaderRulesNameTheLine(text: String, line: Int?, fragment: String) {
        let error = failure(text)
        #expect(error?.status == .invalidInput)
        #expect(error?.location == SourceLocation(file: "updates/0001_test.sql", line: line))
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }
}
