import Foundation

extension PostgresServer {
    /// Makes a primary's data directory in `folder` with initdb, configures it and starts it on a free port.
    static func initialize(
        in folder: URL, socketDirectory: URL, options: PostgresCluster.Options, binaries: PostgresBinaries,
        runner: CommandRunner
    ) throws -> PostgresServer {
        let data = folder.appendingPathComponent("data")
        try runner.run(
            binaries.path("initdb"),
            ["-D", data.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], in: folder)
        let settings =
            [
                ("listen_addresses", options.listenAddresses.joined(separator: ",")),
                ("unix_socket_directories", socketDirectory.path),
                ("fsync", options.isDurable ? "on" : "off"),
                ("wal_level", "replica"),
                ("max_wal_senders", "10"),
                ("max_connections", "100"),
                ("password_encryption", "scram-sha-256"),
            ] + options.settings.sorted { $0.key < $1.key }
        try append(settings, to: data)
        try authenticationRules.write(
            to: data.appendingPathComponent("pg_hba.conf"), atomically: false, encoding: .utf8)
        return try startOnFreePort(
            folder: folder, socketDirectory: socketDirectory, host: options.listenAddresses.first ?? "127.0.0.1",
            binaries: binaries, runner: runner)
    }

    /// Password roles first, then trust for everyone else, replication included.
    private static let authenticationRules = """
        # TYPE  DATABASE     USER                               ADDRESS  METHOD
        local   all          +\(PostgresCluster.passwordGroup)            scram-sha-256
        host    all          +\(PostgresCluster.passwordGroup)   all      scram-sha-256
        local   all          all                                         trust
        host    all          all                                all      trust
        local   replication  all                                         trust
        host    replication  all                                all      trust

        """

    /// Starts the server in `folder` on a free port, trying another port if the first is taken by the time the
    /// server binds it.
    static func startOnFreePort(
        folder: URL, socketDirectory: URL, host: String, binaries: PostgresBinaries, runner: CommandRunner
    ) throws -> PostgresServer {
        var failure: (any Error)?
        for _ in 1...3 {
            let port = try FreePort.pick()
            try append([("port", "\(port)")], to: folder.appendingPathComponent("data"))
            let server = PostgresServer(
                folder: folder, socketDirectory: socketDirectory, host: host, port: port, binaries: binaries,
                runner: runner)
            do {
                try server.start()
                return server
            } catch {
                failure = error
            }
        }
        throw failure!
    }

    /// Appends `settings` to the `postgresql.conf` of data directory `data`; a later line wins over an earlier one.
    /// The file is appended to in place, so that it keeps its owner.
    static func append(_ settings: [(String, String)], to data: URL) throws {
        let lines = settings.map { "\($0.0) = '\($0.1.replacingOccurrences(of: "'", with: "''"))'\n" }.joined()
        let file = try FileHandle(forWritingTo: data.appendingPathComponent("postgresql.conf"))
        defer { try? file.close() }
        try file.seekToEnd()
        try file.write(contentsOf: Data(lines.utf8))
    }
}
