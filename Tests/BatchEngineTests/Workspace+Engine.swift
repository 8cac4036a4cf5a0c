import BatchEngine
import BatchSQLite
import Foundation
import TestSupport

extension Workspace {
    /// The update files as steps.
    func steps() throws -> [any Step] {
        try UpdateLoader.load(directories: [updates.path])
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
