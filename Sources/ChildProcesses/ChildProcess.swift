import CSpawn
import Foundation
import Synchronization

/// A program started with `posix_spawn`, its output sent to files and nothing else of ours inherited: the one way
/// batchrun's benchmark and tests start processes.
///
/// What a child inherits is chosen with care, because some children (database servers) outlive the command that
/// started them and would keep what they got:
/// - file descriptors: standard input is `/dev/null`, output and error go to files (a chatty child can never block
///   on a full pipe), and every other descriptor is closed in the child;
/// - signals: the child starts with no signal blocked and every signal at its default action, whatever the spawning
///   thread blocked or ignored (test runners block SIGTERM and SIGHUP in their threads; a command that handles
///   SIGINT through a dispatch source ignores it);
/// - environment: ours, with `environment` added, and without the `PG*` variables unless asked, so a developer's
///   `PGPORT` cannot steer a child towards another server.
///
/// Foundation's `Process` is not used: it learns of exits through SIGCHLD, which a test runner's main thread may
/// swallow, and its children inherit the spawning thread's signal mask.
public final class ChildProcess: Sendable {
    /// How a child ended, and what it cost.
    public struct Termination: Sendable, Equatable {
        /// The exit code when the child exited; `nil` when a signal ended it.
        public var exitCode: Int32?
        /// The signal that ended the child, if one did.
        public var signal: Int32?
        /// From just before the spawn to the moment the child was reaped.
        public var wall: Duration
        /// The child's peak resident set size (`ru_maxrss`), in bytes.
        public var peakRSSBytes: Int

        /// The exit code, or 128 plus the signal, as a shell reports it.
        public var status: Int32 { exitCode ?? 128 + (signal ?? 0) }
    }

    /// Where a child's standard output and error go, and how it starts.
    public struct Options: Sendable {
        /// The file that receives standard output.
        public var output: String
        /// The file that receives standard error; `nil` for the same file as standard output.
        public var errors: String?
        /// Whether the files are appended to rather than truncated.
        public var appends = false
        /// The child's working directory; `nil` for ours.
        public var directory: String?
        /// Variables added to our environment.
        public var environment: [String: String] = [:]
        /// Whether our `PG*` variables are passed on.
        public var keepsPostgresVariables = false
        /// When set, the program runs as this user, through `runuser -u USER --`.
        public var user: String?
        /// Whether the child starts a session of its own, out of reach of signals sent to our process group.
        public var newSession = false

        /// Options sending output (and, unless `errors` is given, errors) to files.
        public init(output: String, errors: String? = nil) {
            self.output = output
            self.errors = errors
        }
    }

    /// The child's process id.
    public let pid: pid_t
    /// When the spawn was requested, on `ChildProcess.clock`.
    public let started: ContinuousClock.Instant
    private let ended = Mutex<Termination?>(nil)

    /// The clock timings of children use.
    public static let clock = ContinuousClock()

    /// Starts `executable` (a path, or a name looked up on `PATH`, `/usr/sbin` and `/sbin`) with `arguments`.
    /// - Throws: `SpawnError` when the program cannot be found or started.
    public init(_ executable: String, _ arguments: [String], _ options: Options) throws {
        let program = try Self.locate(executable)
        let argv = try options.user.map { [try Self.locate("runuser"), "-u", $0, "--", program] } ?? [program]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let mode = O_WRONLY | O_CREAT | (options.appends ? O_APPEND : O_TRUNC)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, options.output, mode, 0o644)
        if let errors = options.errors {
            posix_spawn_file_actions_addopen(&actions, 2, errors, mode, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        cspawn_file_actions_add_close_from(&actions, 3)
        if let directory = options.directory { cspawn_file_actions_add_chdir(&actions, directory) }

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
        if options.newSession { flags |= Int32(cspawn_flag_new_session()) }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let inherited = ProcessInfo.processInfo.environment.filter {
            options.keepsPostgresVariables || !$0.key.hasPrefix("PG")
        }
        let environment = inherited.merging(options.environment) { $1 }
        let cArguments = (argv + arguments).map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        started = Self.clock.now
        let status = posix_spawn(&pid, cArguments[0]!, &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else { throw SpawnError("cannot start \(program): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    /// How the child ended, reaping it if it just did; `nil` while it runs.
    public var termination: Termination? {
        if let ended = ended.withLock({ $0 }) { return ended }
        return reap(blocking: false)
    }

    /// Whether the child still runs.
    public var isRunning: Bool { termination == nil }

    /// Waits for the child to end.
    @discardableResult
    public func wait() -> Termination {
        while true {
            if let termination = termination ?? reap(blocking: true) { return termination }
        }
    }

    /// Waits for the child to end, calling `poll` about every `interval` while it runs.
    public func wait(polling interval: Duration, _ poll: () -> Void) -> Termination {
        while true {
            if let termination { return termination }
            poll()
            let (seconds, attoseconds) = interval.components
            Thread.sleep(forTimeInterval: max(Double(seconds) + Double(attoseconds) / 1e18, 0.0001))
        }
    }

    /// Sends `signal`, unless the child was reaped already (its pid may belong to another process by then).
    public func send(_ signal: Int32) {
        if termination == nil { kill(pid, signal) }
    }

    private func reap(blocking: Bool) -> Termination? {
        var status: Int32 = 0
        var usage = rusage()
        let reaped = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
        guard reaped == pid else { return nil }
        let signal = status & 0x7f
        let termination = Termination(
            exitCode: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
            wall: Self.clock.now - started, peakRSSBytes: usage.ru_maxrss * 1024)
        ended.withLock { $0 = termination }
        return termination
    }

    /// The path of `name`: itself when it holds a slash, else the first executable of that name on `PATH`,
    /// `/usr/sbin` or `/sbin` (where `runuser` and `ip` live, which a minimal `PATH` may lack).
    /// - Throws: `SpawnError` when there is none.
    public static func locate(_ name: String) throws -> String {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        let candidates = folders.map { (folder: String) -> String in "\(folder)/\(name)" }
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw SpawnError("cannot find the program \(name) on PATH, /usr/sbin or /sbin")
        }
        return found
    }
}

/// A program that could not be found or started.
public struct SpawnError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
