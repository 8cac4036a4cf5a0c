import BatchEngine
import Foundation

/// A child process started with `posix_spawn`, its output sent to files, and reaped with `wait4` so that its own
/// peak memory is known exactly (no race with reading `/proc` before it exits).
struct ChildProcess {
    /// How a child ended and what it cost.
    struct Termination {
        /// The exit code when the child exited, `nil` when a signal ended it.
        var exitCode: Int32?
        /// The signal that ended the child, if one did.
        var signal: Int32?
        /// From just before the spawn to the moment the child was reaped.
        var wall: Duration
        /// The child's peak resident set size (`ru_maxrss`), in bytes.
        var peakRSSBytes: Int
    }

    /// The child's process id.
    let pid: pid_t
    /// When the spawn was requested.
    let started: ContinuousClock.Instant

    /// The clock all benchmark timings use.
    static let clock = ContinuousClock()

    /// Starts `executable` with `arguments`, standard input from `/dev/null`, standard output and error to files.
    /// - Throws: `BenchError` when the process cannot be started.
    static func spawn(_ executable: String, _ arguments: [String], stdout: String, stderr: String) throws
        -> ChildProcess
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var pid = pid_t()
        let started = clock.now
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environment)
        guard status == 0 else {
            throw BenchError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid, started: started)
    }

    /// Sends SIGKILL: the child dies at once, in the middle of whatever it was doing.
    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
    }

    /// Waits for the child to end, calling `poll` about every `interval` while it runs (never when `interval` is
    /// `nil`).
    func wait(polling interval: Duration? = nil, _ poll: (ChildProcess) -> Void = { _ in }) -> Termination {
        var status: Int32 = 0
        var usage = rusage()
        if let interval {
            let sleepMicroseconds = useconds_t(max(interval.seconds * 1e6, 100))
            while true {
                let reaped = wait4(pid, &status, WNOHANG, &usage)
                if reaped == pid || (reaped == -1 && errno != EINTR) { break }
                poll(self)
                usleep(sleepMicroseconds)
            }
        } else {
            while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        }
        let wall = Self.clock.now - started
        let signal = status & 0x7f
        return Termination(
            exitCode: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal, wall: wall,
            peakRSSBytes: usage.ru_maxrss * 1024)
    }
}
