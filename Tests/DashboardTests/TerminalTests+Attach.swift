import Foundation
import TestSupport
import Testing

extension TerminalTests {
    /// While `batchrun apply` runs, batch-tui attaches to it: it shows the other process and a moving count, `p`
    /// pauses the other process (its committed count holds still) and `p` resumes it; `q` detaches (75) and leaves
    /// the other process running.
    @Test func attachesToARunningApplyAndPausesIt() async throws {
        let workspace = try Workspace.dashboardQueue()
        let apply = try Background(
            Binaries.batchrun, ["apply"] + workspace.arguments + ["--range-time", "5ms", "--throttle", "4"],
            in: workspace)
        defer { apply.stop() }
        _ = try await eventually("apply to start the long step", context: { apply.output }) {
            workspace.processed().flatMap { $0 > 0 ? $0 : nil }
        }

        let exitFile = workspace.file("exit")
        let tmux = try Tmux(Shell.recordingExit(Binaries.batchTUI, workspace.arguments, to: exitFile))
        defer { tmux.close() }
        let context = { tmux.lastCapture }
        let first = try await eventually("the dashboard to attach", context: context) {
            try tmux.capture().contains("pid \(apply.pid) (attached)") ? try tmux.processed() : nil
        }
        _ = try await eventually("the count to move", context: context) {
            try tmux.processed().flatMap { $0 > first ? $0 : nil }
        }

        try tmux.type("p")
        _ = try await eventually("PAUSED", context: context) { try tmux.state() == "PAUSED" ? true : nil }
        let held = try await steady("apply's committed count to hold still") { workspace.processed() }
        try await Task.sleep(for: .milliseconds(800))
        #expect(workspace.processed() == held, "the other process is paused")

        try tmux.type("p")
        _ = try await eventually("apply's count to move again", context: { apply.output }) {
            workspace.processed().flatMap { $0 > held ? $0 : nil }
        }
        try tmux.type("q")
        let exit = try await Self.recordedExit(exitFile)
        #expect(exit == "EXIT=75", "q detaches with work left: \(exit)\n\(tmux.lastCapture)")
        #expect(apply.isRunning, "detaching does not stop the other runner")
        apply.stop()
        #expect(try await apply.exitCode() == 75)
    }
}
