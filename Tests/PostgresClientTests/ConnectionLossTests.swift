import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct ConnectionLossTests {
    @Test func anIdleSessionEndedByPgTerminateBackendIsLost() throws {
        let cluster = try PostgresCluster.shared
        let name = "victim-\(UUID().uuidString.prefix(8))"
        let connection = try cluster.makeDatabase().connect(applicationName: name)
        #expect(try cluster.terminateBackends(applicationName: name) == 1)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(error.kind == .connection)
        #expect(error.connectionFailure == .lost)
        #expect(connection.isBroken)
        let again = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(again.connectionFailure == .lost)
    }

    @Test func aRunningStatementEndedByPgTerminateBackendIsLost() throws {
        let cluster = try PostgresCluster.shared
        let database = try cluster.makeDatabase()
        let name = "busy-victim-\(UUID().uuidString.prefix(8))"
        Thread.detachNewThread {
            #expect(throws: Never.self) {
                try waitUntil {
                    try database.scalar(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'",
                        [.init(name)]) == "1"
                }
                try cluster.terminateBackends(applicationName: name)
            }
        }
        let connection = try database.connect(applicationName: name)
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(10)") }
        #expect(error.kind == .connection)
        #expect(error.connectionFailure == .lost)
        // libpq replaces the server's FATAL result by its own when it then finds the socket closed, so the SQLSTATE
        // is usually gone; the message keeps the server's words.
        #expect(error.sqlState == nil || error.sqlState == "57P01")
        #expect(error.severity == "FATAL")
        #expect(error.message.hasSuffix("terminating connection due to administrator command"))
        #expect(connection.isBroken)
    }
}

/// Tests that stop or crash a server: they get a cluster of their own, one after the other, so that the shared
/// cluster's other tests go on undisturbed.
@Suite(.serialized) struct ServerRestartTests {
    static let cluster = Result { try PostgresCluster.start() }

    @Test func anImmediateRestartBreaksTheConnectionOverTCPAndTheSocket() throws {
        let cluster = try Self.cluster.get()
        let overTCP = try PostgresConnection(cluster.url())
        let overSocket = try PostgresConnection(cluster.primary.socketConnectionString())
        try cluster.restart(mode: .immediate)
        for connection in [overTCP, overSocket] {
            let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
            #expect(error.kind == .connection)
            #expect(error.connectionFailure == .lost)
            #expect(connection.isBroken)
            // The backend's farewell warning went to the notices, not to stderr.
            _ = connection.takeNotices()
        }
        #expect(try PostgresConnection(cluster.url()).execute("SELECT 1").scalar == "1")
    }

    @Test func aStoppedServerIsUnreachableUntilItStartsAgain() throws {
        let cluster = try Self.cluster.get()
        try cluster.stop()
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(cluster.url()) }
        #expect(error.connectionFailure == .unreachable)
        try cluster.start()
        #expect(try PostgresConnection(cluster.url()).execute("SELECT 1").scalar == "1")
    }
}
