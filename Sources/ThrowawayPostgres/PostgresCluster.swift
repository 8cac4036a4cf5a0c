import Foundation
import PostgresClient
import Synchronization

/// A throwaway PostgreSQL server for tests and benchmarks, with streaming replicas on demand.
///
/// The primary is made with `initdb` in a fresh temporary folder and listens on a free port, on 127.0.0.1 unless
/// `Options.listenAddresses` says otherwise, and on a Unix socket in the folder. Every role authenticates by trust,
/// except the roles made by `createRole(_:password:)` with a password, which must give it (scram-sha-256). Settings
/// favour speed (`fsync = off`, unless `Options.isDurable`) and replication (`wal_level = replica`,
/// `max_wal_senders = 10`).
///
/// When the process runs as root, every server program runs as the user `postgres` (through `runuser`), which owns the
/// folder. Nothing outlives the owning process: the clusters still running at exit are torn down, and a watchdog
/// (`OrphanGuard`) stops the servers and removes the folder if the process is killed.
///
/// ```swift
/// let database = try PostgresCluster.shared.makeDatabase()
/// try database.script("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
/// let connection = try PostgresConnection(database.url)
/// #expect(try database.scalar("SELECT count(*) FROM t") == "1")
/// ```
public final class PostgresCluster: Sendable {
    /// How to set a cluster up.
    public struct Options: Sendable {
        /// The addresses the servers listen on; URLs point at the first.
        public var listenAddresses: [String]
        /// More `postgresql.conf` settings for the primary, which replicas copy.
        public var settings: [String: String]
        /// Whether commits reach the disk as on a production server: `fsync` and `synchronous_commit` keep their
        /// defaults (on) and the folder is on a disk, never in memory, where a sync would cost nothing. Tests leave
        /// it off for speed; a benchmark of many commits turns it on, since skipped syncs would flatter it.
        public var isDurable: Bool

        /// Options for a primary listening on `listenAddresses` with `settings`, durable when `isDurable`.
        public init(
            listenAddresses: [String] = ["127.0.0.1"], settings: [String: String] = [:], isDurable: Bool = false
        ) {
            self.listenAddresses = listenAddresses
            self.settings = settings
            self.isDurable = isDurable
        }
    }

    /// The group role whose members authenticate with a password.
    static let passwordGroup = "password_users"

    /// The folder that holds everything: the servers' folders, the socket directory, the commands' output.
    public let root: URL
    /// The primary server.
    public let primary: PostgresServer
    private let account: ServerAccount
    private let orphanGuard: OrphanGuard
    private let replicas = Mutex<[PostgresServer]>([])
    private let names = Counter()
    private let isShutDown = Mutex(false)

    private init(root: URL, primary: PostgresServer, account: ServerAccount, orphanGuard: OrphanGuard) {
        self.root = root
        self.primary = primary
        self.account = account
        self.orphanGuard = orphanGuard
    }

    /// Sets up and starts a new cluster, torn down when process `owner` ends if not before.
    /// - Throws: `ClusterError` when the server programs are missing (it names the Debian package) or the
    ///   server does not start.
    public static func start(_ options: Options = Options(), owner: pid_t = getpid()) throws -> PostgresCluster {
        let binaries = try PostgresBinaries.locate()
        let account = try ServerAccount.current()
        let parent = account.temporaryDirectory(inMemory: !options.isDurable)
        var template = Array("\(parent)/batchrun-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ClusterError("cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        let root = URL(fileURLWithPath: String(cString: made))
        try account.own(root)
        let orphanGuard = try OrphanGuard.start(owner: owner, root: root, binaries: binaries, account: account)
        do {
            let logs = root.appendingPathComponent("logs")
            let sockets = root.appendingPathComponent("socket")
            let folder = root.appendingPathComponent("primary")
            for folder in [logs, sockets, folder] { try account.makeFolder(folder) }
            let runner = CommandRunner(user: account.user, logDirectory: logs)
            let primary = try PostgresServer.initialize(
                in: folder, socketDirectory: sockets, options: options, binaries: binaries, runner: runner)
            try primary.database().execute("CREATE ROLE \(passwordGroup) NOLOGIN")
            let cluster = PostgresCluster(root: root, primary: primary, account: account, orphanGuard: orphanGuard)
            ExitCleanup.register(cluster)
            return cluster
        } catch {
            tearDown(root: root, binaries: binaries, runner: CommandRunner(user: account.user, logDirectory: root))
            orphanGuard.dismiss()
            throw error
        }
    }

    /// The cluster the whole test process shares, started by the first call; if starting failed, every call
    /// throws that failure.
    public static var shared: PostgresCluster {
        get throws {
            try sharedCluster.withLock { cluster in
                let started = cluster ?? Result { try PostgresCluster.start() }
                cluster = started
                return try started.get()
            }
        }
    }

    private static let sharedCluster = Mutex<Result<PostgresCluster, any Error>?>(nil)

    /// Stops every server of the cluster at once and removes its folder. Shutting down twice does nothing.
    public func shutdown() {
        guard
            isShutDown.withLock({ done in
                defer { done = true }; return !done
            })
        else { return }
        orphanGuard.dismiss()
        Self.tearDown(root: root, binaries: primary.binaries, runner: primary.runner)
        ExitCleanup.unregister(self)
    }

    /// Stops the server of every data directory in `root` that has a postmaster, then removes `root`.
    private static func tearDown(root: URL, binaries: PostgresBinaries, runner: CommandRunner) {
        let folders = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        for folder in folders {
            let data = folder.appendingPathComponent("data")
            guard FileManager.default.fileExists(atPath: data.appendingPathComponent("postmaster.pid").path) else {
                continue
            }
            _ = try? runner.run(
                binaries.path("pg_ctl"), ["-D", data.path, "-m", "immediate", "-w", "stop"],
                in: URL(fileURLWithPath: "/"))
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// The primary's port.
    public var port: Int { primary.port }

    /// A `postgres://` URL of `database` on the primary, as `user` with `password` if given.
    public func url(database: String = "postgres", user: String = "postgres", password: String? = nil) -> String {
        primary.url(database: database, user: user, password: password)
    }

    /// Starts the primary again after `stop()`.
    public func start() throws {
        try primary.start()
    }

    /// Stops the primary.
    public func stop(mode: PostgresServer.ShutdownMode = .fast) throws {
        try primary.stop(mode: mode)
    }

    /// Restarts the primary; `.immediate` kills it as a crash would, and it recovers on the way up.
    public func restart(mode: PostgresServer.ShutdownMode = .fast) throws {
        try primary.restart(mode: mode)
    }

    /// A new, empty database on the primary, for one test.
    public func makeDatabase() throws(PostgresError) -> TestDatabase {
        let name = "test_\(names.next())"
        try primary.database().execute("CREATE DATABASE \(name)")
        return primary.database(name)
    }

    /// Creates a login role `name`; with a password, the role must give it (scram-sha-256), else it is trusted.
    public func createRole(_ name: String, password: String? = nil) throws(PostgresError) {
        let identifier = "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
        guard let password else {
            try primary.database().execute("CREATE ROLE \(identifier) LOGIN")
            return
        }
        let literal = "'\(password.replacingOccurrences(of: "'", with: "''"))'"
        try primary.database().execute(
            "CREATE ROLE \(identifier) LOGIN PASSWORD \(literal) IN ROLE \(Self.passwordGroup)")
    }

    /// Ends the sessions whose `application_name` matches the LIKE `pattern`, waiting up to 5 s for each to be
    /// gone, and returns how many there were.
    @discardableResult
    public func terminateBackends(applicationName pattern: String) throws(PostgresError) -> Int {
        let ended = try primary.database().scalar(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
             WHERE application_name LIKE $1 AND pid <> pg_backend_pid()
            """, [PostgresParameter(pattern)])
        return ended.flatMap { Int($0) } ?? 0
    }

    /// A streaming replica of the primary: a `pg_basebackup -R` copy started as a hot standby on a port of its own.
    public func makeReplica() throws -> PostgresReplica {
        let folder = root.appendingPathComponent("replica-\(names.next())")
        try account.makeFolder(folder)
        try primary.runner.run(
            primary.binaries.path("pg_basebackup"),
            [
                "-D", folder.appendingPathComponent("data").path, "-h", primary.socketDirectory.path,
                "-p", "\(primary.port)", "-U", "postgres", "-R", "-X", "stream", "-c", "fast", "-N",
            ], in: folder)
        let server = try PostgresServer.startOnFreePort(
            folder: folder, socketDirectory: primary.socketDirectory, host: primary.host, binaries: primary.binaries,
            runner: primary.runner)
        replicas.withLock { $0.append(server) }
        return PostgresReplica(server: server, primary: primary)
    }
}
