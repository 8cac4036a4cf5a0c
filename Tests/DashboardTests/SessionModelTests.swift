import Dashboard
import Foundation
import TestSupport
import Testing

@testable import BatchEngine
@testable import batch_tui

/// batch-tui's session model: a run's events merged into step and worker lines while driving, polls of a queue
/// other processes run while attached.
@Suite struct SessionModelTests {
    /// The dashboard queue's steps, loaded from its update files, and the model of a session before its run.
    static func model() throws -> (SessionModel, [any Step]) {
        let workspace = try Workspace.dashboardQueue()
        let steps = try UpdateLoader.load(directories: [workspace.updates.path])
        let status = QueueStatus(
            entries: try Plan(steps).steps.map { QueueStatus.Entry(step: $0, record: nil) }, orphans: [],
            state: .empty)
        return (SessionModel(database: "db", status: status, throttle: 0), steps)
    }

    /// A worker's report on the long step.
    static func progress(
        _ worker: String, chunk: Int64, processed: Int, chunkProcessed: Int, rate: Double? = nil
    ) -> StepProgress {
        StepProgress(
            step: Workspace.longStep, worker: worker, chunk: chunk, processed: processed,
            chunkProcessed: chunkProcessed, total: 5_000_000, rate: rate, secondsLeft: rate.map { 5_000_000 / $0 },
            rangeSize: 1_000, cursor: nil)
    }

    /// The frame of `model` on an 80×24 terminal at `now`.
    static func frame(_ model: SessionModel, at now: Date) -> DashboardState {
        model.frame(size: Terminal.Size(width: 80, height: 24), colour: false, showsHelp: false, now: now)
    }

    /// Two workers' reports make one step line (the highest count, the latest rate) and two worker lines, each
    /// with its chunk and its own rate; a pause, then a throttle signal, hold both; the step's end frees both.
    @Test func drivingMergesWorkerEvents() throws {
        var (model, _) = try Self.model()
        let start = Date(timeIntervalSince1970: 1_000)
        let later = start.addingTimeInterval(1)
        model.apply(.runStarted(RunStart(runID: 7, pending: [], workers: 2, tookOverFrom: nil)), now: start)
        model.apply(.stepStarted(Self.progress("w1", chunk: 2, processed: 0, chunkProcessed: 0)), now: start)
        model.apply(.stepStarted(Self.progress("w2", chunk: 3, processed: 0, chunkProcessed: 0)), now: start)
        model.apply(
            .progress(Self.progress("w1", chunk: 2, processed: 3_000, chunkProcessed: 2_000, rate: 3_000)), now: later)
        model.apply(
            .progress(Self.progress("w2", chunk: 3, processed: 2_500, chunkProcessed: 1_000, rate: 2_900)), now: later)
        var frame = Self.frame(model, at: later)
        let step = try #require(frame.steps.first { $0.id == Workspace.longStep })
        #expect(step.processed == 3_000 && step.rate == 2_900 && step.status == .running)
        #expect(frame.workers.map(\.name) == ["w1", "w2"])
        #expect(frame.workers.map(\.chunk) == [2, 3])
        #expect(frame.workers.map(\.rate) == [2_000, 1_000])
        #expect(frame.workers.allSatisfy { $0.activity == .running && $0.process == nil && $0.health == .live })
        #expect(model.messages.contains(.init("▸ \(Workspace.longStep) chunk 3 started (w2)")))

        model.apply(.controlChanged(ControlState(paused: true)), now: later)
        frame = Self.frame(model, at: later)
        #expect(frame.runState == .paused && frame.workers.allSatisfy { $0.activity == .paused })
        #expect(frame.steps.allSatisfy { $0.rate == nil }, "no rate while paused")

        model.apply(.controlChanged(ControlState()), now: later)
        model.apply(.throttled(worker: nil, reason: "replica lag 2.9 s > 1 s"), now: later)
        frame = Self.frame(model, at: later)
        #expect(frame.runState == .throttled && frame.throttleReason == "replica lag 2.9 s > 1 s")
        #expect(frame.workers.allSatisfy { $0.activity == .throttled("replica lag 2.9 s > 1 s") })
        model.apply(.throttled(worker: nil, reason: nil), now: later)
        #expect(Self.frame(model, at: later).runState == .running)

        model.apply(
            .stepFinished(Self.progress("w2", chunk: 3, processed: 5_000_000, chunkProcessed: 9_000)), now: later)
        frame = Self.frame(model, at: later)
        #expect(frame.steps.first { $0.id == Workspace.longStep }?.status == .done)
        #expect(frame.workers.allSatisfy { $0.activity == .idle && $0.step == nil && $0.chunk == nil })
        model.apply(
            .progress(Self.progress("w1", chunk: 2, processed: 4_000_000, chunkProcessed: 3_000)), now: later)
        #expect(Self.frame(model, at: later).steps.first { $0.id == Workspace.longStep }?.status == .done)
    }

    /// A run of one worker names none in its events: its line is `w1`.
    @Test func aSingleWorkerIsW1() throws {
        var (model, _) = try Self.model()
        let now = Date(timeIntervalSince1970: 1_000)
        model.apply(.runStarted(RunStart(runID: 1, pending: [], workers: 1, tookOverFrom: nil)), now: now)
        var progress = Self.progress("w1", chunk: 1, processed: 10, chunkProcessed: 10)
        progress.worker = nil
        model.apply(.stepStarted(progress), now: now)
        #expect(Self.frame(model, at: now).workers.map(\.name) == ["w1"])
        #expect(Self.frame(model, at: now).workers.first?.chunk == 1)
        #expect(model.messages.last == .init("▸ \(Workspace.longStep) started"))
    }
}
