import Foundation
import TestSupport

/// A process a terminal test starts in the background and waits for without blocking the test's thread.
final class Background {
    /// The process.
    let process: Spawned

    /// Starts `executable` with `arguments` in `workspace`'s folder.
    /// - Throws: `SpawnError` when it cannot start.
    init(_ executable: String, _ arguments: [String], in workspace: Workspace) throws {
        process = try Spawned(executable, arguments, in: workspace.root)
    }

    /// Its process id.
    var pid: pid_t { process.pid }

    /// Whether it still runs.
    var isRunning: Bool { process.isRunning }

    /// What it wrote so far, standard output then standard error.
    var output: String { process.stdout + process.stderr }

    /// Waits up to `timeout` for the exit.
    /// - Returns: the exit code (128 plus the signal when one ended it).
    /// - Throws: `TestSupportError` when it does not exit in time.
    func exitCode(within timeout: Duration = .seconds(15)) async throws -> Int32 {
        try await eventually("the child to exit", timeout: timeout, context: { self.output }) {
            process.child.termination?.status
        }
    }

    /// Sends SIGTERM if it still runs; a run stops after its current range.
    func stop() {
        process.signal(SIGTERM)
    }

    /// Runs `executable` with `arguments` to its end.
    /// - Returns: the exit code and the output.
    static func run(_ executable: String, _ arguments: [String], in workspace: Workspace) async throws -> (
        Int32, String
    ) {
        let child = try Background(executable, arguments, in: workspace)
        return (try await child.exitCode(), child.output)
    }
}
