import Testing

@testable import Dashboard

/// The workers section and the header's throttle reason, piece by piece.
@Suite struct WorkerListTests {
    /// A worker's reported state: the engine's words, a throttle with its reason, anything else kept as it is.
    @Test func activityFromTheReportedState() {
        typealias Activity = DashboardState.Worker.Activity
        #expect(Activity(reported: "running") == .running)
        #expect(Activity(reported: "idle") == .idle)
        #expect(Activity(reported: "paused") == .paused)
        #expect(Activity(reported: "throttled: replica lag 2.9 s > 1 s") == .throttled("replica lag 2.9 s > 1 s"))
        #expect(Activity(reported: "stopped") == .other("stopped"))
        #expect(
            Activity(reported: "throttled: throttle query answered true").text
                == "throttled: throttle query answered true")
    }

    /// Labels lose the host first, then the word `pid`, never the worker's name.
    @Test func labelsKeepTheName() {
        let worker = DashboardState.Worker(name: "w2", process: .init(host: "deploy-2.example.org", pid: 4040))
        #expect(WorkerColumns.label(of: worker, fitting: 40) == "deploy-2.example.org pid 4040 w2")
        #expect(WorkerColumns.label(of: worker, fitting: 20) == "deploy-… pid 4040 w2")
        #expect(WorkerColumns.label(of: worker, fitting: 12) == "pid 4040 w2")
        #expect(WorkerColumns.label(of: worker, fitting: 8) == "4040 w2")
        #expect(WorkerColumns.label(of: .init(name: "w12"), fitting: 8) == "w12")
    }

    /// Tasks lose the step's end, not the chunk.
    @Test func tasksKeepTheChunk() {
        let worker = DashboardState.Worker(name: "w1", step: "0004_backfill_slugs", chunk: 117)
        #expect(WorkerColumns.task(of: worker) == "0004_backfill_slugs #117")
        #expect(WorkerColumns.task(of: worker, fitting: 12) == "0004_b… #117")
        #expect(WorkerColumns.task(of: .init(name: "w1")) == "-")
    }

    /// Host names and states come from the state tables: control characters arrive as `?`.
    @Test func untrustedWorkerTextCarriesNoEscapes() {
        var state = Fixtures.sized(Fixtures.chunked, 80, 24)
        state.workers = [
            .init(name: "w1", process: .init(host: "evil\u{1B}[2J", pid: 1), activity: .other("x\u{1B}]0;t\u{07}"))
        ]
        state.throttleReason = "lag\u{1B}[31m"
        state.runState = .throttled
        let screen = DashboardRenderer.render(state).joined(separator: "\n")
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{07}"))
        #expect(screen.contains("evil?[2J pid 1 w1"))
        #expect(screen.contains("THROTTLED: lag?[31m"))
    }

    /// The reason shows only while the run is throttled, and goes when fewer than 8 columns are left for it.
    @Test func throttleReasonInTheTitle() {
        var state = Fixtures.sized(Fixtures.throttledAttached, 80, 24)
        #expect(Header.title(state, width: 80, style: Style(enabled: false)).contains("THROTTLED: replica lag"))
        #expect(!Header.title(state, width: 30, style: Style(enabled: false)).contains(":"))
        state.runState = .paused
        #expect(!Header.title(state, width: 80, style: Style(enabled: false)).contains("replica"))
    }

    /// Workers get their lines before the pending steps' tail, up to the cap; past it they come after the rules and
    /// messages.
    @Test func layoutGivesWorkersRoom() {
        let short = ScreenLayout(height: 12, bodyWanted: 20, workersWanted: 3, messageCount: 5)
        #expect(short.workers == 3 && short.body == 4 && short.messages == 1 && !short.showsRules)
        let many = ScreenLayout(height: 30, bodyWanted: 4, workersWanted: 20, messageCount: 2)
        #expect(many.body == 4 && many.messages == 2 && many.showsRules && many.workers == 17)
        let none = ScreenLayout(height: 24, bodyWanted: 8, workersWanted: 0, messageCount: 3)
        #expect(none.workers == 0 && none.body == 15)
    }

    /// The last line sums up the workers that do not fit.
    @Test func summaryCountsByActivity() {
        #expect(WorkerList.summary(of: Fixtures.throttledAttached.workers) == "1 running, 2 throttled, 1 stale, 1 gone")
        var state = Fixtures.sized(Fixtures.throttledAttached, 80, 24)
        state.workers = Array(repeating: .init(name: "w1", activity: .paused), count: 3)
        #expect(WorkerList.lines(state, count: 2, style: Style(enabled: false)).last == "  … 2 more workers: 2 paused")
    }
}
