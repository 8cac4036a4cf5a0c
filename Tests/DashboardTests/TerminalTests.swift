import Foundation
import Testing

/// `batch-tui` and `batchrun` run for real, the dashboard in tmux: one test at a time, each under about 20 s.
@Suite(.serialized, .enabled(if: Binaries.canDriveTerminal, "needs tmux and the built batch-tui and batchrun"))
struct TerminalTests {
    /// The exit code a tmux window recorded, once it did.
    static func recordedExit(_ file: String) async throws -> String {
        try await eventually("the exit code in \(file)") {
            (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
