import Foundation
import PostgresClient

/// One PostgreSQL server of a throwaway cluster: a data directory, and the postmaster that serves it on a private port
/// and a private Unix-socket directory.
public final class PostgresServer: Sendable {
    /// How pg_ctl stops the server (`-m`).
    public enum ShutdownMode: String, Sendable {
        /// Waits for every session to end.
        case smart
        /// Ends the sessions, rolling back their transactions, and shuts down cleanly.
        case fast
        /// Kills every server process at once, as a crash would: the next start runs crash recovery.
        case immediate
    }

    /// The server's folder: its data directory `data` and its log `server.log`.
    public let folder: URL
    /// The directory of the server's Unix socket.
    public let socketDirectory: URL
    /// The address URLs point at: the first of the addresses the server listens on.
    public let host: String
    /// The server's port.
    public let port: Int
    let binaries: PostgresBinaries
    let runner: CommandRunner

    init(folder: URL, socketDirectory: URL, host: String, port: Int, binaries: PostgresBinaries, runner: CommandRunner)
    {
        self.folder = folder
        self.socketDirectory = socketDirectory
        self.host = host
        self.port = port
        self.binaries = binaries
        self.runner = runner
    }

    /// The data directory.
    public var dataDirectory: URL { folder.appendingPathComponent("data") }

    /// The server's log file.
    public var logFile: URL { folder.appendingPathComponent("server.log") }

    /// A `postgres://` URL of `database` on this server, over TCP, as `user` with `password` if given.
    public func url(database: String = "postgres", user: String = "postgres", password: String? = nil) -> String {
        let credentials = [user, password].compactMap { $0.map(Self.percentEncoded) }.joined(separator: ":")
        let address = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(credentials)@\(address):\(port)/\(Self.percentEncoded(database))"
    }

    /// A `key=value` connection string for `database` over the Unix socket, as `user`.
    public func socketConnectionString(database: String = "postgres", user: String = "postgres") -> String {
        "host='\(socketDirectory.path)' port=\(port) dbname='\(database)' user='\(user)'"
    }

    /// The database called `name` on this server, to run SQL in.
    public func database(_ name: String = "postgres") -> TestDatabase {
        TestDatabase(name: name, server: self)
    }

    /// The postmaster's process id, from `postmaster.pid`; `nil` when the server is not running.
    public var postmasterPID: pid_t? {
        let pidFile = dataDirectory.appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    /// Starts the server and waits until it accepts connections.
    /// - Throws: `ClusterError` with the end of the server log when it does not start.
    public func start() throws {
        try withServerLog { try pgCtl(["-l", logFile.path, "start"]) }
    }

    /// Stops the server, waiting until it is down.
    public func stop(mode: ShutdownMode = .fast) throws {
        try pgCtl(["-m", mode.rawValue, "stop"])
    }

    /// Stops the server with `mode` and starts it again; `.immediate` makes the restart a crash and a recovery.
    public func restart(mode: ShutdownMode = .fast) throws {
        try withServerLog { try pgCtl(["-m", mode.rawValue, "-l", logFile.path, "restart"]) }
    }

    /// Runs pg_ctl on the data directory, waiting up to a minute for the operation.
    func pgCtl(_ arguments: [String]) throws {
        try runner.run(binaries.path("pg_ctl"), ["-D", dataDirectory.path, "-w", "-t", "60"] + arguments, in: folder)
    }

    /// Runs `body`, adding the end of the server log to the error it throws.
    private func withServerLog(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw ClusterError("\(error)\nserver log \(logFile.path):\n\(log.suffix(2000))")
        }
    }

    /// `text` with every character but the unreserved ones of RFC 3986 percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
            .joined()
    }
}
