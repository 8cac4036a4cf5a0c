import Foundation
import GRDB
import TestSupport
import Testing

/// One malformed input: how to make it, what `batchrun` must answer, and whether what `--db` names must stay
/// byte-for-byte as it was.
struct BadInput: CustomTestStringConvertible, Sendable {
    let name: String
    var command = ["apply"]
    /// What `--db` names, relative to the workspace; `nil` for its database file.
    var database: String?
    /// Folders given as `--updates` after the workspace's own.
    var moreFolders: [String] = []
    let exitCode: Int32
    let fragment: String
    var unchanged = true
    let setup: @Sendable (Workspace) throws -> Void

    var testDescription: String { name }
}

/// A step that writes when it runs: a case that must change nothing sets it up, so that a command that went on
/// despite the bad input would be seen to write.
private let pending: @Sendable (Workspace) throws -> Void = { try $0.write("0001_x.sql", "CREATE TABLE x (y);") }

/// What `path` holds, for comparing before and after a command: a file's bytes, or every entry below a folder with
/// a file's bytes; empty when nothing is there. The journal and WAL files SQLite would leave beside it count too.
private func contents(of path: String) -> [String: Data] {
    var found: [String: Data] = [:]
    for suffix in ["", "-journal", "-wal"] {
        let url = URL(fileURLWithPath: path + suffix)
        if let data = try? Data(contentsOf: url) {
            found[suffix] = data
        } else if let entries = FileManager.default.enumerator(atPath: url.path) {
            for case let entry as String in entries {
                found[suffix + "/" + entry] = (try? Data(contentsOf: url.appendingPathComponent(entry))) ?? Data()
            }
        }
    }
    return found
}

private let walk = "-- batch: table=items key=id\nUPDATE items SET n = n + 1 WHERE id > :from AND id <= :to;"

/// Runs `walk` over `items` to completion, then lets `change` alter the state or the files.
private func afterOneRun(_ change: @escaping @Sendable (Workspace) throws -> Void)
    -> @Sendable (Workspace) throws -> Void
{
    { workspace in
        try workspace.write("0001_walk.sql", walk)
        #expect(try workspace.batchrun(["apply"]).wait() == 0)
        try change(workspace)
    }
}

extension Integration {
    /// The bad-input corpus: every case exits with its documented code and a message naming what is wrong.
    @Suite struct BadInputCorpus {
        static let cases: [BadInput] = [
            BadInput(name: "unknown header", exitCode: 65, fragment: "0001_x.sql:2: unknown header 'colour:'") {
                try $0.write("0001_x.sql", "-- phase: update\n-- colour: red\nSELECT 1;")
            },
            BadInput(name: "header without colon", exitCode: 65, fragment: "0001_x.sql:1: header 'phase' needs a colon")
            {
                try $0.write("0001_x.sql", "-- phase post\nSELECT 1;")
            },
            BadInput(name: "repeated header", exitCode: 65, fragment: "0001_x.sql:2: header 'batch:' appears twice") {
                try $0.write(
                    "0001_x.sql", walk.replacingOccurrences(of: "\nUPDATE", with: "\n-- batch: range=1..2\nUPDATE"))
            },
            BadInput(name: "bad phase", exitCode: 65, fragment: "phase must be 'update' or 'post', not 'later'") {
                try $0.write("0001_x.sql", "-- phase: later\nSELECT 1;")
            },
            BadInput(
                name: "batch without key", exitCode: 65, fragment: "0001_x.sql:1: batch: give both table= and key="
            ) {
                try $0.write(
                    "0001_x.sql", "-- batch: table=items\nUPDATE items SET n = 1 WHERE id > :from AND id <= :to;")
            },
            BadInput(name: "batch unknown setting", exitCode: 65, fragment: "batch: unknown setting 'size'") {
                try $0.write("0001_x.sql", "-- batch: table=items key=id size=5\nSELECT :from, :to;")
            },
            BadInput(name: "identifier injection", exitCode: 65, fragment: "is not a plain identifier") {
                try $0.write("0001_x.sql", "-- batch: table=items\"--; key=id\nSELECT :from, :to;")
            },
            BadInput(name: "reversed range", exitCode: 65, fragment: "range must be FIRST..LAST") {
                try $0.write("0001_x.sql", "-- batch: range=9..1\nSELECT :from, :to;")
            },
            BadInput(
                name: "batched without :from", exitCode: 65, fragment: "0001_x.sql:1: a batched file must bind :from"
            ) {
                try $0.write("0001_x.sql", "-- batch: table=items key=id\nUPDATE items SET n = 1 WHERE id <= :to;")
            },
            BadInput(name: "batched without :to", exitCode: 65, fragment: "a batched file must bind :to") {
                try $0.write("0001_x.sql", "-- batch: table=items key=id\nUPDATE items SET n = 1 WHERE id > :from;")
            },
            BadInput(name: "unknown parameter", exitCode: 65, fragment: "0001_x.sql:3: unknown parameter :limit") {
                try $0.write(
                    "0001_x.sql",
                    "-- batch: table=items key=id\nUPDATE items SET n = 1\n WHERE id > :from AND id <= :limit;")
            },
            BadInput(name: "parameter in a one-shot file", exitCode: 65, fragment: "parameter :from in a file without")
            {
                try $0.write("0001_x.sql", "DELETE FROM items WHERE id > :from;")
            },
            BadInput(name: "empty file", exitCode: 65, fragment: "0001_x.sql: no SQL statement") {
                try $0.write("0001_x.sql", "")
            },
            BadInput(name: "comments only", exitCode: 65, fragment: "no SQL statement") {
                try $0.write("0001_x.sql", "-- nothing yet\n/* later */\n")
            },
            BadInput(name: "binary file", exitCode: 65, fragment: "0001_x.sql: binary file") {
                try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(
                    to: $0.updates.appendingPathComponent("0001_x.sql"))
            },
            BadInput(name: "not UTF-8", exitCode: 65, fragment: "0001_x.sql: not valid UTF-8") {
                try Data("UPDATE items SET code = '".utf8 + [0xE9] + Array("';".utf8))
                    .write(to: $0.updates.appendingPathComponent("0001_x.sql"))
            },
            BadInput(name: "badly named file", exitCode: 65, fragment: "add_column.sql: update files must be named") {
                try $0.write("add_column.sql", "SELECT 1;")
            },
            BadInput(name: "duplicate number", exitCode: 65, fragment: "number 1 is used twice") {
                try $0.write("0001_a.sql", "SELECT 1;")
                try $0.write("001_b.sql", "SELECT 1;")
            },
            BadInput(
                name: "dependency cycle", exitCode: 65,
                fragment: "dependency cycle: 0001_a -> 0003_c -> 0002_b -> 0001_a"
            ) {
                try $0.write("0001_a.sql", "-- after: 0003_c\nSELECT 1;")
                try $0.write("0002_b.sql", "SELECT 1;")
                try $0.write("0003_c.sql", "SELECT 1;")
            },
            BadInput(
                name: "missing dependency", exitCode: 65, fragment: "0001_a.sql:1: step '0001_a' depends on '0000_gone'"
            ) {
                try $0.write("0001_a.sql", "-- after: 0000_gone\nSELECT 1;")
            },
            BadInput(name: "update after post", exitCode: 65, fragment: "cannot depend on post step '0001_p'") {
                try $0.write("0001_p.sql", "-- phase: post\nSELECT 1;")
                try $0.write("0002_u.sql", "-- after: 0001_p\nSELECT 1;")
            },
            BadInput(
                name: "missing table", exitCode: 65, fragment: "0001_x.sql:1: batch: table 'orders' does not exist"
            ) {
                try $0.write(
                    "0001_x.sql",
                    "-- batch: table=orders key=id\nUPDATE orders SET n = 1 WHERE id > :from AND id <= :to;")
            },
            BadInput(name: "missing key column", exitCode: 65, fragment: "batch: table 'items' has no column 'uuid'") {
                try $0.write(
                    "0001_x.sql",
                    "-- batch: table=items key=uuid\nUPDATE items SET n = 1 WHERE uuid > :from AND uuid <= :to;")
            },
            BadInput(
                name: "key without index", exitCode: 65,
                fragment: "column 'code' of table 'items' is not the first column"
            ) {
                try $0.write(
                    "0001_x.sql",
                    "-- batch: table=items key=code\nUPDATE items SET n = 1 WHERE code > :from AND code <= :to;")
            },
            BadInput(
                name: "table created too late", exitCode: 65,
                fragment: "0001_x.sql:1: batch: table 'later' does not exist"
            ) {
                try $0.write(
                    "0001_x.sql", "-- batch: table=later key=id\nUPDATE later SET n = 1 WHERE id > :from AND id <= :to;"
                )
                try $0.write("0002_y.sql", "CREATE TABLE later (id INTEGER PRIMARY KEY, n);")
            },
            BadInput(
                name: "syntax error", exitCode: 65,
                fragment: "0002_y.sql:3: step '0002_y' does not fit the schema: near \"TABEL\""
            ) {
                try $0.write("0001_x.sql", "CREATE TABLE fine (x);")
                try $0.write("0002_y.sql", "-- comment\nCREATE TABLE other (x);\nALTER TABEL items ADD COLUMN y;")
            },
            BadInput(name: "unknown column in a batched step", exitCode: 65, fragment: "no such column: colour") {
                try $0.write(
                    "0001_x.sql",
                    "-- batch: table=items key=id\nUPDATE items SET colour = 1 WHERE id > :from AND id <= :to;")
            },
            BadInput(
                name: "newer state schema", exitCode: 65, fragment: "state tables are at version 9, newer",
                setup: afterOneRun { try $0.sql("UPDATE batchrun_meta SET value = '9' WHERE key = 'schema_version'") }),
            BadInput(
                name: "undecodable cursor", command: ["status"], exitCode: 65,
                fragment: "corrupt state: the cursor of chunk 1 of step '0001_walk' '?[2J[1,' is not a cursor",
                setup: afterOneRun {
                    // The escape sequence would clear the user's screen if it were printed as it is.
                    try $0.sql(
                        "UPDATE batchrun_chunks SET cursor = char(27) || '[2J[1,'; UPDATE batchrun_steps SET status = 'running'"
                    )
                }),
            BadInput(
                name: "corrupt status", exitCode: 65,
                fragment: "corrupt state: step '0001_walk' has status 'maybe' in batchrun_steps",
                setup: afterOneRun { try $0.sql("UPDATE batchrun_steps SET status = 'maybe'") }),
            BadInput(
                name: "state table missing", exitCode: 65,
                fragment: "corrupt state: table batchrun_control is missing though the state is at version 3",
                setup: afterOneRun { try $0.sql("DROP TABLE batchrun_control") }),
            BadInput(
                name: "finished step changed", exitCode: 65,
                fragment: "step '0001_walk' has finished but its definition changed",
                setup: afterOneRun { try $0.write("0001_walk.sql", walk + "\n-- edited") }),
            BadInput(
                name: "cursor of another kind", exitCode: 1,
                fragment: "stored cursor \"abc\" does not fit this step's walk",
                unchanged: false,
                setup: { workspace in
                    try workspace.write("0001_r.sql", "-- batch: range=1..10\nSELECT :from, :to;")
                    try workspace.write("0002_walk.sql", walk)
                    #expect(try workspace.batchrun(["apply", "--max-time", "0s"]).wait() == 75)
                    try workspace.sql("UPDATE batchrun_chunks SET cursor = '\"abc\"', processed = 1")
                }),
            BadInput(
                name: "database is a directory", database: "folder", exitCode: 64, fragment: "/folder is a directory"
            ) { workspace in
                try pending(workspace)
                try FileManager.default.createDirectory(
                    atPath: workspace.file("folder"), withIntermediateDirectories: true)
                try Data("kept".utf8).write(to: URL(fileURLWithPath: workspace.file("folder/inside")))
            },
            BadInput(
                name: "missing updates folder", moreFolders: ["/nonexistent"], exitCode: 64,
                fragment: "--updates /nonexistent does not exist", setup: pending),
            BadInput(
                name: "unknown option", command: ["apply", "--colour"], exitCode: 64,
                fragment: "Unknown option '--colour'", setup: pending),
            BadInput(name: "not a database", exitCode: 65, fragment: "file is not a database") {
                try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: $0.database))
                try $0.write("0001_x.sql", "SELECT 1;")
            },
        ]

        @Test(arguments: cases)
        func badInputIsRefusedWithItsCodeAndMessage(_ input: BadInput) throws {
            let workspace = try Workspace()
            try workspace.sql(
                """
                CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT, n INTEGER NOT NULL DEFAULT 0);
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100)
                INSERT INTO items (id, code) SELECT i, 'c' || i FROM s;
                """)
            try input.setup(workspace)
            let database = input.database.map(workspace.file) ?? workspace.database
            let before = contents(of: database)
            #expect(!before.isEmpty, "\(input.name): --db names something whose change would show")
            let folders = [workspace.updates.path] + input.moreFolders
            let arguments = input.command + ["--db", database] + folders.flatMap { ["--updates", $0] }
            let run = try Spawned(Binaries.batchrun, arguments, in: workspace.root)
            #expect(run.wait() == input.exitCode, "\(input.name): \(run.stderr)")
            #expect(run.stderr.contains(input.fragment), "\(input.name): \(run.stderr)")
            if input.unchanged { #expect(contents(of: database) == before, "\(input.name)") }
        }
    }
}
