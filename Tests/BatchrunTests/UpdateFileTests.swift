import Foundation
import TestSupport
import Testing

extension Integration {
    /// Update files as they reach the database through `batchrun apply`.
    @Suite struct UpdateFiles {
        @Test(arguments: ["\r\n", "\r", "\n"])
        func lineBreaksInsideStringLiteralsLandAsWritten(_ lineBreak: String) throws {
            let workspace = try Workspace()
            try workspace.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            try workspace.sql("INSERT INTO t (id) VALUES (1), (2), (3)")
            // Files saved with Windows, old Mac or Unix line endings, each with the same break inside its literals.
            let once = ["-- phase: update", "CREATE TABLE lit (v TEXT);", "INSERT INTO lit VALUES ('a\(lineBreak)b');"]
            try workspace.write("0001_once.sql", once.joined(separator: lineBreak) + lineBreak)
            let walk = [
                "-- batch: table=t key=id", "UPDATE t SET v = 'x\(lineBreak)y'", " WHERE id > :from AND id <= :to;",
            ]
            try workspace.write("0002_walk.sql", walk.joined(separator: lineBreak) + lineBreak)
            let run = try workspace.batchrun(["apply", "--range-size", "2"])
            #expect(run.wait() == 0, "\(run.stderr)")
            let hex = { (text: String) in text.utf8.map { String(format: "%02X", $0) }.joined() }
            #expect(try workspace.text("SELECT hex(v) FROM lit") == hex("a\(lineBreak)b"))
            #expect(try workspace.rows("SELECT DISTINCT hex(v) FROM t") == [[hex("x\(lineBreak)y")]])
        }
    }
}
