import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct StreamingTests {
    /// The process's resident memory now, from `/proc/self/statm`.
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return (Int(statm[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    @Test func streamsAMillionRowsWithoutHoldingThem() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        let before = try residentBytes()
        var peak = before
        var count = 0
        var sum = 0
        // Held in memory by execute, these rows take about 100 MiB.
        try connection.forEachRow("SELECT i FROM generate_series(1, $1) i", [1_000_000]) { row in
            count += 1
            sum += Int(row[0] ?? "") ?? 0
            if count.isMultiple(of: 100_000) { peak = max(peak, try residentBytes()) }
        }
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        #expect(peak - before < 20 << 20, "grew by \((peak - before) >> 20) MiB")
    }

    @Test func aThrowingBodyStopsAndLeavesTheConnectionUsable() throws {
        struct Enough: Error {}
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        var seen = 0
        #expect(throws: Enough.self) {
            try connection.forEachRow("SELECT i FROM generate_series(1, 100000) i") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }

    @Test func theBodyCannotUseTheSameConnection() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        var inner: PostgresError?
        try connection.forEachRow("SELECT 1") { _ in
            inner = #expect(throws: PostgresError.self) { try connection.execute("SELECT 2") }
        }
        #expect(inner?.kind == .client)
        #expect(try connection.execute("SELECT 3").scalar == "3")
    }

    @Test func aStatementFailingMidwayThrowsAfterItsFirstRows() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        var values: [String?] = []
        let error = try #require(throws: PostgresError.self) {
            try connection.forEachRow("SELECT 100 / (5 - i) AS q FROM generate_series(1, 10) i") { row in
                #expect(row.columns == [PostgresColumn(name: "q", type: .int4)])
                values.append(row["q"])
            }
        }
        #expect(values == ["25", "33", "50", "100"])
        #expect(error.sqlState == "22012")
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }

    @Test func statementsWithoutRowsStreamNothing() throws {
        let connection = try PostgresCluster.shared.makeDatabase().connect()
        var calls = 0
        try connection.forEachRow("CREATE TABLE t (n int)") { _ in calls += 1 }
        try connection.forEachRow("SELECT n FROM t") { _ in calls += 1 }
        #expect(calls == 0)
    }
}
