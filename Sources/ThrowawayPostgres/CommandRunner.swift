import ChildProcesses
import Foundation

/// Runs the PostgreSQL programs to completion, as the user that owns the servers, keeping each command's output in
/// a file of its own for the error message and for whoever investigates a failure.
struct CommandRunner: Sendable {
    /// The user the programs run as: `postgres` when we are root (PostgreSQL refuses to run as root), else `nil`
    /// for ourselves.
    let user: String?
    /// Where the output files go.
    let logDirectory: URL
    private let counter = Counter()

    /// A runner that writes its output files to `logDirectory`.
    init(user: String?, logDirectory: URL) {
        self.user = user
        self.logDirectory = logDirectory
    }

    /// Runs `program` with `arguments` in `directory` and returns what it printed.
    /// - Throws: `ClusterError` with the command and the end of its output when it fails.
    @discardableResult
    func run(_ program: String, _ arguments: [String], in directory: URL) throws -> String {
        let name = URL(fileURLWithPath: program).lastPathComponent
        let output = logDirectory.appendingPathComponent(String(format: "%03d-%@.log", counter.next(), name)).path
        var options = ChildProcess.Options(output: output)
        options.user = user
        options.directory = directory.path
        let status = try ChildProcess(program, arguments, options).wait().status
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let command = ([name] + arguments).joined(separator: " ")
            throw ClusterError("`\(command)` failed with status \(status):\n\(printed.suffix(2000))")
        }
        return printed
    }
}
