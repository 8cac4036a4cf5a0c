import Foundation
import TestSupport
import Testing

extension TerminalTests {
    /// `batchrun pause`, `resume` and `stop` reach a running `batchrun apply` through the state tables, even one
    /// running unthrottled (it leaves the write lock free for a moment between ranges); stop makes it exit 75.
    @Test func pauseResumeAndStopReachARunningApply() async throws {
        let workspace = try Workspace.dashboardQueue()
        let apply = try Background(
            Binaries.batchrun, ["apply"] + workspace.arguments + ["--range-size", "100"], in: workspace)
        defer { apply.stop() }
        _ = try await eventually("apply to start the long step", context: { apply.output }) {
            workspace.processed().flatMap { $0 > 0 ? $0 : nil }
        }

        func control(_ command: String) async throws {
            let (code, output) = try await Background.run(
                Binaries.batchrun, [command] + workspace.arguments, in: workspace)
            #expect(code == 0, "batchrun \(command): \(output)")
        }
        try await control("pause")
        let held = try await steady("the committed count to hold still") { workspace.processed() }
        try await Task.sleep(for: .milliseconds(800))
        #expect(workspace.processed() == held, "apply is paused")

        try await control("resume")
        _ = try await eventually("the count to move again", context: { apply.output }) {
            workspace.processed().flatMap { $0 > held ? $0 : nil }
        }
        try await control("stop")
        #expect(try await apply.exitCode(within: .seconds(10)) == 75, "stop leaves work: exit 75")
        #expect((workspace.processed() ?? 0) < Workspace.rows)
    }
}
