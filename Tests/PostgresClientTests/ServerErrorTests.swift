import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct ServerErrorTests {
    @Test func anUndefinedTableHasItsSQLStateAndPosition() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT * FROM missing_table") }
        #expect(error.kind == .server)
        #expect(error.connectionFailure == nil)
        #expect(error.sqlState == "42P01")
        #expect(error.severity == "ERROR")
        #expect(error.position == 15)
        #expect(error.message == #"relation "missing_table" does not exist"#)
        #expect(!connection.isBroken)
    }

    @Test func aUniqueViolationHasItsDetail() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO t VALUES ($1)", [1])
        }
        #expect(error.sqlState == "23505")
        #expect(error.detail == "Key (id)=(1) already exists.")
        #expect(error.description.contains("SQLSTATE 23505"))
    }

    @Test func aStatementTimeoutIs57014AndTheSessionGoesOn() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        try connection.executeScript("SET statement_timeout = '100ms'")
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(5)") }
        #expect(error.kind == .server)
        #expect(error.sqlState == "57014")
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }

    @Test func aCancellerOnAnotherThreadStopsAStatementWithinASecond() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let canceller = try connection.makeCanceller()
        let cancelled = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            #expect(throws: Never.self) { try canceller.cancel() }
            cancelled.signal()
        }
        let started = ContinuousClock.now
        let error = try #require(throws: PostgresError.self) { try connection.execute("SELECT pg_sleep(10)") }
        let elapsed = ContinuousClock.now - started
        cancelled.wait()
        #expect(error.sqlState == "57014")
        #expect(error.message == "canceling statement due to user request")
        #expect(elapsed < .seconds(1.3), "\(elapsed)")
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }
}
