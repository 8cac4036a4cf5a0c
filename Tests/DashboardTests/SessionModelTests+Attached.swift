import Dashboard
import Foundation
import TestSupport
import Testing

@testable import BatchEngine
@testable import batch_tui

extension SessionModelTests {
    /// The database's clock in the polls below, in seconds since 1970.
    static let clock: Double = 1_800_000_000

    /// `seconds` before `clock` as the state tables write a timestamp.
    static func timestamp(_ seconds: Double) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date(timeIntervalSince1970: clock - seconds))
    }

    /// A worker record of run `run` on `host` and `pid`.
    static func worker(
        _ id: Int64, _ name: String, run: Int64, pid: Int32, beat: Double, state: String = "running",
        chunk: Int64? = nil
    ) -> WorkerRecord {
        WorkerRecord(
            id: id, runID: run, name: name, host: "deploy", pid: pid, heartbeatAt: timestamp(beat),
            step: chunk == nil ? nil : Workspace.longStep, chunk: chunk, rate: 1_000, state: state, stoppedAt: nil)
    }

    /// A poll of the dashboard queue with the long step split into two chunks, both claimed (the second's claim
    /// expired 5 s ago), the runs `runs` active, and `workers`.
    static func poll(
        _ steps: [any Step], runs: [RunRecord], workers: [WorkerRecord], events: [EventRecord] = []
    ) throws -> QueueStatus {
        let chunks = [
            ChunkRecord(
                id: 1, lowerBound: nil, upperBound: .integer(2_500_000), cursor: .integer(1_000), processed: 1_000,
                estimate: 2_500_000, isDone: false, rangeSize: 100, claimedBy: 1, claimExpiresAt: clock + 50),
            ChunkRecord(
                id: 2, lowerBound: .integer(2_500_000), upperBound: nil, cursor: nil, processed: 0, estimate: 2_500_000,
                isDone: false, rangeSize: nil, claimedBy: 4, claimExpiresAt: clock - 5),
        ]
        var record = StepRecord(
            id: Workspace.longStep, phase: "update", status: .running, checksum: "x", total: 5_000_000, attempts: 1)
        record.chunks = chunks
        var state = StateSnapshot(schemaVersion: StateSchema.currentVersion, steps: [Workspace.longStep: record])
        state.activeRuns = runs
        state.workers = workers
        state.databaseTime = clock
        state.recentEvents = events
        return QueueStatus(
            entries: try Plan(steps).steps.map { QueueStatus.Entry(step: $0, record: state.steps[$0.id]) },
            orphans: [], state: state)
    }

    /// A run of `pid` that started 95 s before the clock.
    static func run(_ id: Int64, pid: Int32) -> RunRecord {
        RunRecord(
            id: id, host: "deploy", pid: pid, startedAt: timestamp(95), finishedAt: nil, outcome: nil, processed: 0,
            workers: 2)
    }

    /// A run that could not start with work left for another reason than a holder (a busy database) is no runner to
    /// attach to: the session ends with that error.
    @Test func aBusyDatabaseBeforeTheRunEndsTheSessionWithoutAttaching() throws {
        var (model, _) = try Self.model()
        let busy = BatchError(.workLeft, "database is locked (code 5)")
        model.runDidNotStart(busy)
        #expect(model.mode == .starting)
        #expect(model.fatal?.message == busy.message)
        #expect(model.fatal?.status == .workLeft)
    }

    /// Attached to two runs: both processes named, events with the worker they concern, four workers with their
    /// processes, heartbeat ages on the database's clock, one stale by its heartbeat and one by its lapsed claim,
    /// the throttle reason from a worker's state; a run that ends leaves its workers gone for a while; no run left
    /// ends the session with work left.
    @Test func attachedToTwoRuns() throws {
        var (model, steps) = try Self.model()
        model.runDidNotStart(BatchError(.workLeft, "deploy pid 12 and deploy pid 40 run the queue", holder: "x"))
        let workers = [
            Self.worker(1, "w1", run: 1, pid: 12, beat: 0.5, chunk: 1),
            Self.worker(2, "w2", run: 1, pid: 12, beat: 31),
            Self.worker(3, "w1", run: 2, pid: 40, beat: 2, state: "throttled: replica lag 2.9 s > 1 s"),
            Self.worker(4, "w2", run: 2, pid: 40, beat: 1, chunk: 2),
        ]
        let now = Date(timeIntervalSince1970: 5_000)
        let runs = [Self.run(1, pid: 12), Self.run(2, pid: 40)]
        let started = EventRecord(
            id: 1, at: Self.timestamp(3), step: Workspace.longStep, kind: "step-started",
            message: "\(Workspace.longStep) started", worker: "deploy pid 12 w1")
        model.apply(try Self.poll(steps, runs: runs, workers: workers, events: [started]), now: now)
        #expect(model.messages.last == .init("\(Workspace.longStep) started (deploy pid 12 w1)"))
        var frame = Self.frame(model, at: now)
        let (first, second) = (
            DashboardState.Process(host: "deploy", pid: 12), DashboardState.Process(host: "deploy", pid: 40)
        )
        #expect(frame.driver == .others([first, second]))
        #expect(
            frame.workers.map(\.label) == [
                "deploy pid 12 w1", "deploy pid 12 w2", "deploy pid 40 w1", "deploy pid 40 w2",
            ])
        #expect(frame.workers.map(\.health) == [.live, .stale, .live, .stale])
        #expect(frame.workers.map { $0.heartbeatAge.map { Int($0.rounded()) } } == [1, 31, 2, 1])
        #expect(frame.runState == .throttled && frame.throttleReason == "replica lag 2.9 s > 1 s")
        #expect(frame.steps.first { $0.id == Workspace.longStep }?.chunks.map(\.isHeld) == [true, false])
        #expect(abs(frame.elapsed.seconds - 95) < 0.01, "elapsed on the database's clock")

        let later = now.addingTimeInterval(1)
        model.apply(try Self.poll(steps, runs: [runs[0]], workers: Array(workers.prefix(2))), now: later)
        frame = Self.frame(model, at: later)
        #expect(frame.driver == .others([first]))
        #expect(frame.workers.map(\.health) == [.live, .stale, .gone, .gone])
        let muchLater = later.addingTimeInterval(WatchedWorkers.goneShownFor + 1)
        model.apply(try Self.poll(steps, runs: [runs[0]], workers: Array(workers.prefix(2))), now: muchLater)
        #expect(Self.frame(model, at: muchLater).workers.count == 2, "gone workers go after a while")

        model.apply(try Self.poll(steps, runs: [], workers: []), now: muchLater)
        frame = Self.frame(model, at: muchLater)
        #expect(model.outcome == .workLeft && frame.workers.isEmpty && frame.driver == .nobody)
        #expect(model.outcomeMessage == "the runs of deploy pid 12 and deploy pid 40 ended: work left")
    }
}
