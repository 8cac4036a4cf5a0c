import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// The server itself goes away under several workers: an immediate restart (a crash), and a server that stays
    /// away longer than the reconnect window.
    @Suite struct PostgresServerCrash {
        @Test func aServerCrashMidRunLosesAndDoublesNothing() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.shutdown() }
            let workspace = try Workspace()
            let database = try cluster.makeDatabase()
            try BumpQueue.make(in: database, workspace, rows: 60_000, logging: true)
            let run = try workspace.start(
                ["apply", "--workers", "3", "--range-size", "200", "--throttle", "2"], database: database.url)
            try workspace.waitUntil {
                try database.scalar("SELECT count(*) FROM touched").flatMap { Int($0) } ?? 0 > 2000
            }
            try cluster.restart(mode: .immediate)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(run.stdout.contains("reconnected"), "\(run.stdout)")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "60000")
            #expect(try database.scalar("SELECT count(*) FROM touched") == "60000")
            #expect(try database.scalar("SELECT count(DISTINCT id) FROM touched") == "60000")
        }

        @Test func aServerThatStaysAwayStopsTheRunWithWorkLeft() throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.shutdown() }
            let workspace = try Workspace()
            let database = try cluster.makeDatabase()
            try database.script(
                "CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 50000)")
            try workspace.write(
                "0001_walk.sql", "-- batch: table=t key=id\nSELECT count(*) FROM t WHERE id > :from AND id <= :to;")
            let run = try workspace.start(
                ["apply", "--workers", "2", "--range-size", "100", "--throttle", "5", "--reconnect-timeout", "2s"],
                database: database.url)
            try workspace.waitUntil { run.stdout.contains("run ") }
            try cluster.stop(mode: .immediate)
            #expect(run.wait() == 75, "\(run.stderr)")
            #expect(run.stderr.contains("stayed unreachable"), "\(run.stderr)")
            try cluster.start()
            let resumed = try workspace.batchrun(["apply"], database: database.url)
            #expect(resumed.wait() == 0, "\(resumed.stderr)")
        }
    }
}
