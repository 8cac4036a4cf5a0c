import CSpawn
import Foundation

/// A program started with `posix_spawn`, its output sent to files and nothing else of ours inherited.
///
/// Care is taken over what a child inherits, because the servers it starts outlive the command and would otherwise
/// keep what they got:
/// - file descriptors: only standard input (`/dev/null`), output and error (files) stay open; every other descriptor
///   is closed in the child, so a server never holds a pipe a test runner waits on, a socket or a database file;
/// - signals: the child starts with no signal blocked and every signal at its default action, whatever the
///   spawning thread blocked or ignored (a test that handles SIGINT with a dispatch source ignores it);
/// - environment: ours without the `PG*` variables, so a developer's `PGPORT` or `PGOPTIONS` cannot steer
///   pg_basebackup or psql towards another server;
/// - output goes to files rather than pipes, so a chatty child can never block on a full pipe.
struct ChildProcess {
    /// The child's process id.
    let pid: pid_t

    /// Starts `executable` (a path, or a name looked up on `PATH`, `/usr/sbin` and `/sbin`) with `arguments`.
    /// - Parameters:
    ///   - user: when set, the program runs as this user through `runuser -u USER --`.
    ///   - directory: the child's working directory.
    ///   - output: the file that receives standard output and standard error, created or truncated.
    ///   - newSession: whether the child starts a session of its own, out of reach of signals sent to our process
    ///     group (a terminal's Ctrl-C, a test runner killing the group).
    static func spawn(
        _ executable: String, _ arguments: [String], user: String? = nil, directory: String, output: String,
        newSession: Bool = false
    ) throws -> ChildProcess {
        let program = try locate(executable)
        let argv = try user.map { [try locate("runuser"), "-u", $0, "--", program] } ?? [program]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        cspawn_file_actions_add_close_from(&actions, 3)
        cspawn_file_actions_add_chdir(&actions, directory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= Int32(cspawn_flag_new_session()) }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArguments = (argv + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, cArguments[0]!, &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else {
            throw TestSupportError("cannot start \(program): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child to end: its exit code, or 128 plus the signal that ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The path of `name`: itself when it holds a slash, else the first executable of that name on `PATH`,
    /// `/usr/sbin` or `/sbin` (where `runuser` lives, which a minimal `PATH` may lack).
    static func locate(_ name: String) throws -> String {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        let candidates = folders.map { (folder: String) -> String in "\(folder)/\(name)" }
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw TestSupportError("cannot find the program \(name) on PATH, /usr/sbin or /sbin")
        }
        return found
    }
}
