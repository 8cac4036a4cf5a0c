import Foundation
import GRDB

/// The built executables, found next to the test binary.
enum Binaries {
    static let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    static var batchrun: URL { directory.appendingPathComponent("batchrun") }
}

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A spawned `batchrun` process whose output goes to files (a full pipe could block it).
final class Spawned {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(_ arguments: [String], in folder: URL) throws {
        outURL = folder.appendingPathComponent("out-\(UUID().uuidString)")
        errURL = folder.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Binaries.batchrun
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits for the exit and returns the exit code; `nil` when a signal ended it.
    @discardableResult
    func wait() -> Int32? {
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }
}

/// A test workspace: a folder with an updates folder and a database.
final class Workspace {
    let root: URL
    let updates: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("batchrun-it-\(UUID().uuidString)")
        updates = root.appendingPathComponent("updates")
        try FileManager.default.createDirectory(at: updates, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var database: String { root.appendingPathComponent("app.sqlite").path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = updates.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func sql(_ statements: String, database path: String? = nil) throws {
        let queue = try DatabaseQueue(path: path ?? database)
        try queue.write { try $0.execute(sql: statements) }
    }

    /// Reads one integer; through a writable connection, which rolls back the hot journal a killed run left.
    func integer(_ query: String, database path: String? = nil) throws -> Int? {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path ?? database, configuration: configuration)
        return try queue.read { try Int.fetchOne($0, sql: query) }
    }

    /// Reads every row of a query whose columns are all text (NULL reads as "").
    func rows(_ query: String) throws -> [[String]] {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(db, sql: query).map { row in (0..<row.count).map { (row[$0] as String?) ?? "" } }
        }
    }

    func text(_ query: String, database path: String? = nil) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path ?? database, configuration: configuration)
        return try queue.read { try String.fetchOne($0, sql: query) }
    }

    /// Every row of every application table (not batchrun's own), in a deterministic order.
    func dump(database path: String? = nil) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path ?? database, configuration: configuration)
        return try queue.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'batchrun_%'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                    table + ":" + row.databaseValues.map(\.description).joined(separator: "|")
                }.sorted()
            }
        }
    }

    /// Runs `batchrun` with `arguments` plus `--db` and `--updates` to completion.
    func batchrun(_ arguments: [String]) throws -> Spawned {
        let spawned = try start(arguments)
        spawned.wait()
        return spawned
    }

    /// Starts `batchrun` with `arguments` plus `--db` and `--updates`.
    func start(_ arguments: [String], database path: String? = nil) throws -> Spawned {
        try Spawned(arguments + ["--db", path ?? database, "--updates", updates.path], in: root)
    }

    /// A table `t` of `rows` rows with gaps and negative ids, and a step that bumps `n` (not idempotent) and
    /// logs each row it touched to `touched`.
    func makeBumpQueue(rows: Int) throws {
        try sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, CHECK (n <= 1));
            CREATE TABLE touched (id INTEGER NOT NULL, n INTEGER NOT NULL);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < \(rows))
            INSERT INTO t (id) SELECT i * 3 - \(rows) FROM s;
            """)
        try write(
            "0001_bump.sql",
            """
            -- batch: table=t key=id
            UPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;
            INSERT INTO touched (id, n) SELECT id, n FROM t WHERE id > :from AND id <= :to;
            """)
    }

    /// Waits until `condition` holds, polling every 10 ms, for up to `seconds`.
    func waitUntil(seconds: Double = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date.now.addingTimeInterval(seconds)
        while try !condition() {
            if Date.now > deadline { throw WaitTimedOut() }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Rows the bump step has committed, read without writing.
    func processed() throws -> Int {
        guard try integer("SELECT count(*) FROM sqlite_schema WHERE name = 'batchrun_steps'") == 1 else { return 0 }
        return try integer("SELECT coalesce(sum(processed), 0) FROM batchrun_chunks WHERE step_id = '0001_bump'") ?? 0
    }
}

/// A wait that ran out.
struct WaitTimedOut: Error {}
