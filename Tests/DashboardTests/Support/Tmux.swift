import ChildProcesses
import Foundation
import TestSupport

/// A tmux server of its own (`-L` socket named for the test) running one session of one shell command in a window
/// of a fixed size; `close()` kills the server and whatever still runs in it.
final class Tmux {
    /// The socket name, unique per instance.
    let socket = "batch-tui-test-\(UUID().uuidString.prefix(8))"
    /// The last screen captured, for failure messages.
    private(set) var lastCapture = ""

    /// Whether `tmux` is on the path.
    static var isInstalled: Bool {
        (try? Tmux.run(["-V"])) != nil
    }

    /// Starts `command` in a detached session of `width` by `height` cells.
    /// - Throws: `TestSupportError` when tmux fails.
    init(_ command: String, width: Int = 100, height: Int = 30) throws {
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
    }

    /// Types `keys` literally, e.g. `p`.
    func type(_ keys: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", keys])
    }

    /// Presses a named key, e.g. `C-c`.
    func press(_ key: String) throws {
        try tmux(["send-keys", "-t", "main", key])
    }

    /// The screen's text now; with `escapes`, including the attribute escape sequences tmux keeps.
    func capture(escapes: Bool = false) throws -> String {
        lastCapture = try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", "main"])
        return lastCapture
    }

    /// The processed count of `step` on the screen now.
    func processed(of step: String = Workspace.longStep) throws -> Int? {
        Screen.processed(of: step, in: try capture())
    }

    /// The line of the worker labelled `label` on the screen now, without its mark.
    func worker(_ label: String) throws -> String? {
        Screen.worker(label, in: try capture())
    }

    /// The run state on the screen now, e.g. `PAUSED`.
    func state() throws -> String? {
        Screen.state(in: try capture())
    }

    /// Kills the server and removes its socket file, which tmux leaves behind; safe to call more than once.
    func close() {
        _ = try? tmux(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// Runs tmux on this instance's socket.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["-L", socket] + arguments)
    }

    /// Runs tmux with `arguments` and returns its standard output.
    ///
    /// The output goes through a file, not a pipe: the server tmux forks inherits the client's descriptors and
    /// would keep a pipe open for as long as it lives.
    private static func run(_ arguments: [String]) throws -> String {
        let outputPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var options = ChildProcess.Options(output: outputPath)
        options.environment = ["TERM": ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color", "TMUX": ""]
        let code = try ChildProcess("tmux", arguments, options).wait().status
        guard code == 0 else { throw TestSupportError("tmux \(arguments.joined(separator: " ")) exited \(code)") }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
