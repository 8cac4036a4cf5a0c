import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct ConnectionTests {
    @Test func connectsWithAURIAndReportsWhereItIs() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        let connection = try PostgresConnection(database.url)
        #expect(connection.host == "127.0.0.1")
        #expect(connection.port == database.server.port)
        #expect(connection.database == database.name)
        #expect(connection.user == "postgres")
        #expect(connection.serverVersion >= 150000)
        #expect(connection.parameterStatus("client_encoding") == "UTF8")
        #expect(connection.transactionStatus == .idle)
        #expect(!connection.isBroken)
        #expect(try connection.execute("SELECT pg_backend_pid()").scalar == "\(connection.backendPID)")

        let longScheme = try PostgresConnection(
            database.url.replacingOccurrences(of: "postgres://", with: "postgresql://"))
        #expect(try longScheme.execute("SELECT current_database()").scalar == database.name)
    }

    @Test func connectsWithAKeyValueStringOverTheUnixSocket() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        let connection = try PostgresConnection(database.server.socketConnectionString(database: database.name))
        #expect(connection.host == database.server.socketDirectory.path)
        #expect(try connection.execute("SELECT current_database()").scalar == database.name)
    }

    @Test func defaultsYieldToTheConnectionStringAndOverridesWinOverIt() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        let other = try PostgresCluster.shared.makeDatabase()
        func applicationName(_ url: String, defaults: [(String, String)] = [], overrides: [(String, String)] = [])
            throws -> String?
        {
            try PostgresConnection(url, defaults: defaults, overrides: overrides).execute("SHOW application_name")
                .scalar
        }
        let named = database.url + "?application_name=from_string"
        #expect(try applicationName(named, defaults: [("application_name", "from_defaults")]) == "from_string")
        #expect(try applicationName(database.url, defaults: [("application_name", "from_defaults")]) == "from_defaults")
        #expect(try applicationName(named, overrides: [("application_name", "from_overrides")]) == "from_overrides")
        // libpq skips empty values, so an empty override leaves the string's value alone.
        #expect(try applicationName(named, overrides: [("application_name", "")]) == "from_string")

        let moved = try PostgresConnection(database.url, overrides: [("dbname", other.name)])
        #expect(moved.database == other.name)
    }

    @Test func applicationNameShowsInPgStatActivity() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        let name = "batchrun-worker-\(UUID().uuidString.prefix(8))"
        let worker = try PostgresConnection(database.url, overrides: [("application_name", name)])
        let seen = try database.scalar("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [.init(name)])
        #expect(seen == "\(worker.backendPID)")
    }

    @Test func closeEndsTheSessionAndLaterCallsFail() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        let connection = try database.connect()
        let pid = connection.backendPID
        connection.close()
        connection.close()
        #expect(connection.isBroken)
        #expect(connection.backendPID == 0)
        #expect(connection.host == nil)
        #expect(connection.transactionStatus == .unknown)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(error.kind == .client)
        #expect(throws: PostgresError.self) { try connection.makeCanceller() }
        try waitUntil {
            try database.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [.init(Int(pid))]) == "0"
        }
    }

    @Test func transactionStatusFollowsTheSession() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript("BEGIN")
        #expect(connection.transactionStatus == .inTransaction)
        #expect(throws: PostgresError.self) { try connection.execute("SELECT 1/0") }
        #expect(connection.transactionStatus == .inFailedTransaction)
        #expect(!connection.isBroken)
        try connection.executeScript("ROLLBACK")
        #expect(connection.transactionStatus == .idle)
    }

    @Test func refusesInvalidParametersBeforeConnecting() throws {
        let url = try PostgresCluster.shared.url()
        let cases: [(defaults: [(String, String)], overrides: [(String, String)], message: String)] = [
            ([], [("no_such_keyword", "1")], "unknown connection keyword"),
            ([("dbname", "postgres")], [], "dbname cannot be a default"),
            ([], [("client_encoding", "LATIN1")], "client_encoding"),
            ([], [("application_name", "a\u{0}b")], "NUL"),
        ]
        for (defaults, overrides, message) in cases {
            let error = try #require(throws: PostgresError.self) {
                try PostgresConnection(url, defaults: defaults, overrides: overrides)
            }
            #expect(error.kind == .client)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func keepsNoticesForTheCallerInsteadOfPrintingThem() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript(
            "DO $$ BEGIN RAISE NOTICE 'step % of %', 1, 2; RAISE WARNING 'careful'; END $$; DROP TABLE IF EXISTS nothing"
        )
        let notices = connection.takeNotices()
        #expect(notices.map(\.severity) == ["NOTICE", "WARNING", "NOTICE"])
        #expect(notices.first?.message == "step 1 of 2")
        #expect(notices.last?.sqlState == "00000")
        #expect(connection.takeNotices().isEmpty)
    }
}

/// Waits until `condition` holds, polling every 20 ms, for up to `seconds`.
func waitUntil(seconds: Double = 10, _ condition: () throws -> Bool) throws {
    let deadline = Date.now.addingTimeInterval(seconds)
    while try !condition() {
        guard Date.now < deadline else { throw TestSupportError("the condition did not hold within \(seconds) s") }
        Thread.sleep(forTimeInterval: 0.02)
    }
}
