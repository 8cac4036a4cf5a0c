import BatchEngine
import Foundation
import TestSupport
import Testing

extension TerminalTests {
    /// The arguments of a run on the PostgreSQL queue: two workers, short ranges, half their time asleep.
    static let postgresRun = ["--workers", "2", "--range-time", "5ms", "--throttle", "1"]

    /// batch-tui drives two workers on PostgreSQL: each walks a chunk of its own at a rate of its own while the
    /// step's count moves; `p` pauses both (they report `paused` and the committed count holds still), `p` resumes
    /// them, `q` stops with work left (75).
    @Test func drivesTwoWorkersOnPostgresAndPausesBoth() async throws {
        let queue = try TestTarget.postgresDashboardQueue()
        let exitFile = queue.workspace.file("exit")
        let tmux = try Tmux(
            Shell.recordingExit(
                Binaries.batchTUI, queue.arguments + Self.postgresRun, to: exitFile, environment: "NO_COLOR=1 "))
        defer { tmux.close() }
        let context = { tmux.lastCapture }

        let chunks = try await eventually("both workers to walk chunks of the long step", context: context) {
            let lines = try ["w1", "w2"].compactMap { try tmux.worker($0) }
            let walking = lines.filter { $0.contains("\(Workspace.longStep) #") && $0.contains("/s running") }
            return walking.count == 2 ? Set(walking.map { $0.split(separator: " ")[2] }) : nil
        }
        #expect(chunks.count == 2, "each worker holds a chunk of its own: \(tmux.lastCapture)")
        let first = try #require(try tmux.processed())
        _ = try await eventually("the step's count to move", context: context) {
            try tmux.processed().flatMap { $0 > first ? $0 : nil }
        }
        _ = try await eventually("the split step to show its chunks", context: context) {
            try tmux.capture().contains("0/8 chunks done") ? true : nil
        }

        try tmux.type("p")
        _ = try await eventually("both workers to pause", context: context) {
            try tmux.state() == "PAUSED" && queue.workers(in: "paused") == 2 ? true : nil
        }
        let held = try await steady("the committed count to hold still") { queue.processed() }
        try await Task.sleep(for: .milliseconds(800))
        #expect(queue.processed() == held, "both workers are paused")
        #expect(try ["w1", "w2"].allSatisfy { try tmux.worker($0)?.hasSuffix("paused") == true })

        try tmux.type("p")
        _ = try await eventually("the count to move again", context: context) {
            queue.processed().flatMap { $0 > held ? $0 : nil }
        }
        try tmux.type("q")
        #expect(try await Self.recordedExit(exitFile) == "EXIT=75", "q stops with work left")
    }

    /// batch-tui attaches to two `batchrun apply --workers 2` processes on PostgreSQL: it names both runs and
    /// shows their four workers with their processes; its `p` pauses all four (they report `paused` and the count
    /// holds still), `p` resumes them, and `S` stops both processes (75), after which the dashboard sees no run
    /// left and exits with work left (75).
    @Test func attachesToTwoProcessesOnPostgresAndStopsThem() async throws {
        let queue = try TestTarget.postgresDashboardQueue()
        let first = try Background(
            Binaries.batchrun, ["apply"] + queue.arguments + Self.postgresRun, in: queue.workspace)
        defer { first.stop() }
        _ = try await eventually("the first apply to start the long step", context: { first.output }) {
            queue.processed().flatMap { $0 > 0 ? $0 : nil }
        }
        let second = try Background(
            Binaries.batchrun, ["apply"] + queue.arguments + Self.postgresRun, in: queue.workspace)
        defer { second.stop() }
        let applies = [first, second]

        let exitFile = queue.workspace.file("exit")
        let tmux = try Tmux(
            Shell.recordingExit(
                Binaries.batchTUI, queue.arguments + ["--exit-when-done"], to: exitFile, environment: "NO_COLOR=1 "))
        defer { tmux.close() }
        let context = { tmux.lastCapture }
        let processes = applies.map { "\(ProcessIdentity.host) pid \($0.pid)" }
        let labels = processes.flatMap { process in ["w1", "w2"].map { "\(process) \($0)" } }
        _ = try await eventually("the four workers of both processes", timeout: .seconds(10), context: context) {
            () throws -> Bool? in
            let screen = try tmux.capture()
            let running = labels.compactMap { Screen.worker($0, in: screen) }.filter { $0.contains("running") }
            return screen.contains("driver: 2 runs: ") && running.count == 4 ? true : nil
        }
        #expect(tmux.lastCapture.contains("driver: 2 runs: \(processes.joined(separator: ", ")) (attached)"))

        try tmux.type("p")
        _ = try await eventually("all four workers to pause", context: context) { () throws -> Bool? in
            let screen = try tmux.capture()
            let paused = labels.compactMap { Screen.worker($0, in: screen) }.filter { $0.contains("paused") }
            return Screen.state(in: screen) == "PAUSED" && paused.count == 4 && queue.workers(in: "paused") == 4
                ? true : nil
        }
        let held = try await steady("the committed count to hold still") { queue.processed() }
        try await Task.sleep(for: .milliseconds(800))
        #expect(queue.processed() == held, "both processes are paused")

        try tmux.type("p")
        _ = try await eventually("the count to move again", context: context) {
            queue.processed().flatMap { $0 > held ? $0 : nil }
        }
        try tmux.type("S")
        for apply in applies { #expect(try await apply.exitCode(within: .seconds(10)) == 75, "S stops \(apply.pid)") }
        #expect(try await Self.recordedExit(exitFile) == "EXIT=75", "no run left, work left: 75")
        #expect((queue.processed() ?? 0) < TestTarget.postgresUnits)
    }
}
