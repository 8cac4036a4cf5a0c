import Foundation

/// A test's own folder: an `updates` folder, a SQLite database file, and the files its processes write; removed
/// when the value is released.
public final class Workspace: Sendable {
    /// The folder.
    public let root: URL
    /// The update files' folder.
    public let updates: URL

    /// Creates an empty folder with an empty `updates` folder.
    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("batchrun-test-\(UUID().uuidString)")
        updates = root.appendingPathComponent("updates")
        try FileManager.default.createDirectory(at: updates, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The SQLite database file.
    public var database: String { root.appendingPathComponent("app.sqlite").path }

    /// A file of the folder.
    public func file(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes `updates/NAME` with `text` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = updates.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `batchrun` with `arguments` plus `--db` and `--updates` to completion.
    @discardableResult
    public func batchrun(_ arguments: [String], database path: String? = nil) throws -> Spawned {
        let spawned = try start(arguments, database: path)
        spawned.wait()
        return spawned
    }

    /// Starts `batchrun` with `arguments` plus `--db` (the SQLite file, or `database`) and `--updates`.
    public func start(_ arguments: [String], database path: String? = nil) throws -> Spawned {
        try Spawned(Binaries.batchrun, arguments + ["--db", path ?? database, "--updates", updates.path], in: root)
    }

    /// Waits until `condition` holds, polling every 10 ms, for up to `seconds`.
    public func waitUntil(seconds: Double = 20, _ condition: () throws -> Bool) throws {
        let deadline = Date.now.addingTimeInterval(seconds)
        while try !condition() {
            if Date.now > deadline { throw TestSupportError("a condition did not hold within \(seconds) s") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
