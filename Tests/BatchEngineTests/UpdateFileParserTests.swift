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
        #expect(file.walk == .keys(table: "items", column: "id"))
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
        ("SELECT 1;\nSELECT ?;", 2, "parameter ? in a file without a 'batch:' header"),
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
}
