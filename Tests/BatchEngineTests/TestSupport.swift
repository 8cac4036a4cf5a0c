import BatchEngine
import BatchSQLite
import Foundation
import GRDB

/// A temporary folder with an updates folder and a database path, removed when the value is released.
final class Scratch {
    let root: URL
    let updates: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("batchrun-test-\(UUID().uuidString)")
        updates = root.appendingPathComponent("updates")
        try FileManager.default.createDirectory(at: updates, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var databasePath: String { root.appendingPathComponent("app.sqlite").path }

    /// Writes `updates/NAME` with `text`.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = updates.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs SQL on the database directly, as the application would.
    func sql(_ statements: String) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { try $0.execute(sql: statements) }
    }

    /// Reads one integer.
    func integer(_ query: String) throws -> Int? {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { try Int.fetchOne($0, sql: query) }
    }

    /// Reads the rows of a query as text lines, for comparing tables.
    func dump(_ query: String) throws -> [String] {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            try Row.fetchAll(db, sql: query).map { row in row.databaseValues.map(\.description).joined(separator: "|") }
        }
    }

    /// The update files as steps.
    func steps() throws -> [any Step] {
        try UpdateLoader.load(directories: [updates.path])
    }

    /// The database as the engine reaches it.
    func backend(busyTimeout: Duration = .seconds(1)) -> SQLiteBackend {
        SQLiteBackend(path: databasePath, busyTimeout: busyTimeout)
    }

    /// Runs the update files with `options`, collecting the events.
    func apply(
        _ options: RunnerOptions = RunnerOptions(), extra: [any Step] = []
    ) throws -> (RunSummary, [RunEvent]) {
        var events: [RunEvent] = []
        let runner = Runner(backend: backend(), steps: try steps() + extra, options: options)
        let summary = try runner.run { events.append($0) }
        return (summary, events)
    }

    /// Runs the update files for one range, then stops: leaves a started step behind.
    func applyOneTick(_ options: RunnerOptions) throws -> RunSummary {
        let stop = StopSignal()
        let steps = try steps().map { StoppingStep(inner: $0, stop: stop) }
        return try Runner(backend: backend(), steps: steps, options: options, stop: stop).run()
    }

    /// The stored record of `step`.
    func record(_ step: String) throws -> StepRecord? {
        try QueueStatus.read(from: backend(), steps: steps()).state.steps[step]
    }
}

extension RunnerOptions {
    /// Options with small ranges, so tests see many of them.
    static func small(range: Int = 100) -> RunnerOptions {
        var options = RunnerOptions()
        options.initialRangeSize = range
        options.rangeSizeBounds = range...range
        return options
    }
}

/// Expects `body` to throw a `BatchError` and returns it.
func expectBatchError(_ body: () throws -> Void) -> BatchError? {
    do {
        try body()
    } catch let error as BatchError {
        return error
    } catch {
        return nil
    }
    return nil
}

/// A step that asks the run to stop once its first range has run: the run then ends with that range committed.
struct StoppingStep: Step {
    let inner: any Step
    let stop: StopSignal

    var id: String { inner.id }
    var dependencies: [String] { inner.dependencies }
    var phase: Phase { inner.phase }
    var checksum: String { inner.checksum }
    var origin: SourceLocation? { inner.origin }
    var maxWorkers: Int { inner.maxWorkers }
    var isTransactional: Bool { inner.isTransactional }
    var isBatched: Bool { inner.isBatched }

    func location(ofStatement sql: String?) -> SourceLocation? { inner.location(ofStatement: sql) }
    func estimateTotal(in database: any SQLExecutor) throws -> Int? { try inner.estimateTotal(in: database) }
    func rehearse(in sandbox: any SQLExecutor) throws { try inner.rehearse(in: sandbox) }

    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        defer { stop.request("test stop after one range") }
        return try inner.run(range, limit: limit, in: database)
    }
}
