import Foundation
import TestSupport
import Testing

/// `batch-tui` and `batchrun` run for real, the dashboard in tmux: one test at a time, each under about 20 s.
///
/// Without tmux the suite is skipped on a developer's machine, but under `CI=true` it runs and fails, so that a
/// missing install step shows in CI.
@Suite(
    .serialized,
    .enabled(
        if: Tmux.isInstalled || ProcessInfo.processInfo.environment["CI"] == "true",
        "needs tmux (apt-get install -y tmux)"))
struct TerminalTests {
    /// The exit code a tmux window recorded, once it did.
    static func recordedExit(_ file: String) async throws -> String {
        try await eventually("the exit code in \(file)") {
            (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
