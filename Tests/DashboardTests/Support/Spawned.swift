import Foundation

/// A process started with `posix_spawn` and reaped with `waitpid`.
///
/// Not Foundation's `Process`: it learns of exits from SIGCHLD, which the test runner's main thread can swallow,
/// and its children inherit the calling thread's signal mask, in which the test runner's threads block SIGTERM and
/// SIGHUP. Here the child starts with an empty mask and default signal actions.
final class Spawned {
    /// The child's process id.
    let pid: pid_t
    /// The exit code (128 + the signal when a signal ended it), once reaped.
    private var status: Int32?

    /// Starts `executable` with `arguments`: standard input from /dev/null, standard output and error appended to
    /// `output` (or discarded), `environment` added to this process's.
    /// - Throws: `TestFailure` when the process cannot start.
    init(_ executable: String, _ arguments: [String], output: String?, environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestFailure("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// The exit code once the process ended (reaping it), `nil` while it runs.
    var exitCode: Int32? {
        if status == nil { reap(options: WNOHANG) }
        return status
    }

    /// Waits for the end.
    /// - Returns: the exit code.
    func wait() -> Int32 {
        while status == nil { reap(options: 0) }
        return status ?? -1
    }

    /// Sends `signal` unless the process was reaped already.
    func send(_ signal: Int32) {
        if exitCode == nil { kill(pid, signal) }
    }

    /// Collects the exit status if the process ended (or, with no options, once it does).
    private func reap(options: Int32) {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, options)
        if result == pid {
            status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        } else if result < 0 && errno != EINTR {
            status = -1
        }
    }
}
