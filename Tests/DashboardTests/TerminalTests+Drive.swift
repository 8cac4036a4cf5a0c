import Foundation
import TestSupport
import Testing

extension TerminalTests {
    /// batch-tui drives a run: the count moves, `p` pauses it, `p` resumes it, `q` stops it with work left (75),
    /// without a single colour escape under NO_COLOR; then `batchrun apply` finishes the queue.
    @Test func drivesPausesResumesAndStops() async throws {
        let workspace = try Workspace.dashboardQueue()
        let exitFile = workspace.file("exit")
        let tmux = try Tmux(
            Shell.recordingExit(
                Binaries.batchTUI, workspace.arguments + ["--range-time", "5ms", "--throttle", "4"], to: exitFile,
                environment: "NO_COLOR=1 "))
        defer { tmux.close() }
        let context = { tmux.lastCapture }

        let first = try await eventually("the long step to start", context: context) {
            try tmux.processed().flatMap { $0 > 0 ? $0 : nil }
        }
        _ = try await eventually("the count to move", context: context) {
            try tmux.processed().flatMap { $0 > first ? $0 : nil }
        }
        #expect(try !tmux.capture(escapes: true).contains("\u{1B}"), "NO_COLOR: no escape sequence at all")
        #expect(tmux.lastCapture.contains("driver: this process"))

        try tmux.type("p")
        _ = try await eventually("PAUSED", context: context) { try tmux.state() == "PAUSED" ? true : nil }
        let paused = try #require(try tmux.processed())
        try await Task.sleep(for: .milliseconds(800))
        #expect(try tmux.processed() == paused, "the count holds still while paused")

        try tmux.type("p")
        _ = try await eventually("the count to move again", context: context) {
            try tmux.processed().flatMap { $0 > paused ? $0 : nil }
        }
        try tmux.type("q")
        #expect(try await Self.recordedExit(exitFile) == "EXIT=75", "q stops with work left")
        #expect((workspace.processed() ?? 0) < Workspace.rows)

        let (code, output) = try await Background.run(
            Binaries.batchrun, ["apply"] + workspace.arguments, in: workspace)
        #expect(code == 0, "batchrun apply finishes the queue: \(output)")
        #expect(workspace.processed() == Workspace.rows)
    }
}
