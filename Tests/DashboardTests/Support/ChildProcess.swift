import Foundation

/// A spawned executable running in the background, its output in a file (a full pipe could block it).
final class ChildProcess {
    /// The process.
    let process: Spawned
    /// Where standard output and error go.
    let outputPath: String

    /// Starts `executable` with `arguments`.
    /// - Throws: `TestFailure` when it cannot start.
    init(_ executable: String, _ arguments: [String], output: String) throws {
        outputPath = output
        process = try Spawned(executable, arguments, output: output)
    }

    /// Its process id.
    var pid: pid_t { process.pid }

    /// Whether it still runs.
    var isRunning: Bool { process.exitCode == nil }

    /// What it wrote so far.
    var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Waits up to `timeout` for the exit.
    /// - Returns: the exit code.
    /// - Throws: `TestFailure` when it does not exit in time.
    func exitCode(within timeout: Duration = .seconds(15)) async throws -> Int32 {
        try await eventually("the child to exit", timeout: timeout, context: { self.output }) { process.exitCode }
    }

    /// Sends SIGTERM if it still runs; a run stops after its current range.
    func stop() {
        process.send(SIGTERM)
    }

    /// Runs `executable` with `arguments` to its end.
    /// - Returns: the exit code and the output.
    static func run(_ executable: String, _ arguments: [String], output: String) async throws -> (Int32, String) {
        let child = try ChildProcess(executable, arguments, output: output)
        return (try await child.exitCode(), child.output)
    }
}
