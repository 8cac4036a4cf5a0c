import ChildProcesses
import Foundation

/// A program a test started, its standard output and error each in a file of the test's folder.
public final class Spawned: Sendable {
    /// The process.
    public let child: ChildProcess
    private let outputPath: String
    private let errorPath: String

    /// Starts `executable` with `arguments` in `folder`, with `environment` added to ours.
    /// - Throws: `SpawnError` when it cannot start.
    public init(_ executable: String, _ arguments: [String], in folder: URL, environment: [String: String] = [:])
        throws
    {
        let name = UUID().uuidString
        outputPath = folder.appendingPathComponent("out-\(name)").path
        errorPath = folder.appendingPathComponent("err-\(name)").path
        var options = ChildProcess.Options(output: outputPath, errors: errorPath)
        options.directory = folder.path
        options.environment = environment
        child = try ChildProcess(executable, arguments, options)
    }

    /// Its process id.
    public var pid: Int32 { child.pid }

    /// Whether it still runs.
    public var isRunning: Bool { child.isRunning }

    /// Waits for the exit and returns the exit code; `nil` when a signal ended it.
    @discardableResult
    public func wait() -> Int32? {
        child.wait().exitCode
    }

    /// Sends a signal, unless it has ended.
    public func signal(_ number: Int32) {
        child.send(number)
    }

    /// What it wrote to standard output so far.
    public var stdout: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    /// What it wrote to standard error so far.
    public var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}
