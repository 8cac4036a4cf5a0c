import BatchEngine
import Foundation
import GRDB
import TestSupport
import Testing

extension Integration {
    /// Several runners, dead runners, and readers while a runner writes.
    @Suite struct Concurrency {
        private static let slow = ["apply", "--range-size", "200", "--throttle", "10"]

        @Test func eightAppliesAtOnceExactlyOneDrains() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let runs = try (0..<8).map { _ in try workspace.start(Self.slow) }
            let statuses = runs.map { $0.wait() }
            #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 75 }.count == 7, "\(statuses)")
            let winner = try #require(runs.first { $0.wait() == 0 })
            for loser in runs where loser !== winner {
                #expect(
                    loser.stderr.contains("another runner holds the lease: \(ProcessIdentity.host) pid \(winner.pid)"))
            }
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 20_000)
            #expect(try workspace.integer("SELECT count(*) FROM touched") == 20_000)
        }

        @Test func aKilledHoldersLeaseIsTakenOverByTheNextApply() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let holder = try workspace.start(Self.slow)
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            holder.signal(SIGKILL)
            #expect(holder.wait() == nil)
            #expect(try workspace.integer("SELECT pid FROM batchrun_lease") == Int(holder.pid))
            let next = try workspace.batchrun(["apply"])
            #expect(next.wait() == 0, "\(next.stderr)")
            #expect(next.stdout.contains("took over the lease of \(ProcessIdentity.host) pid \(holder.pid)"))
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 20_000)
            #expect(try workspace.integer("SELECT count(*) FROM touched") == 20_000)
        }

        @Test func statusDuringARunIsConsistent() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let run = try workspace.start(Self.slow)
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            var seen: [Int] = []
            for _ in 0..<5 {
                let status = try workspace.batchrun(["status", "--json"])
                #expect(status.wait() == 0, "\(status.stderr)")
                let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
                let steps = document?["steps"] as? [[String: Any]]
                let processed = try #require(steps?.first?["processed"] as? Int)
                #expect(steps?.first?["total"] as? Int == 20_000)
                #expect((document?["lease"] as? [String: Any])?["pid"] as? Int == Int(run.pid))
                seen.append(processed)
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(seen == seen.sorted() && seen.allSatisfy { (1...20_000).contains($0) }, "\(seen)")
            run.signal(SIGTERM)
            #expect(run.wait() == 75)
        }

        @Test func aWriteLockHeldPastTheBusyTimeoutStopsWithWorkLeft() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 1_000)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            let holder = try DatabaseQueue(path: workspace.database)
            try holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                let run = try workspace.batchrun(["apply", "--busy-timeout", "20ms"])
                #expect(run.wait() == 75)
                #expect(run.stderr.contains("the database stayed locked by another connection: database is locked"))
                try db.execute(sql: "COMMIT")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
            #expect(try workspace.batchrun(["apply"]).wait() == 0)
        }

        @Test func aWriteLockHeldForAWhileIsRetriedAndSaysSoInJSON() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 1_000)
            let holder = try DatabaseQueue(path: workspace.database)
            let run = try holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { _ = try? db.execute(sql: "COMMIT") }
                let run = try workspace.start(["apply", "--json", "--busy-timeout", "10ms"])
                // The lock is given up once the run has said that it waits for it.
                try workspace.waitUntil { run.stdout.contains(#""event":"notice""#) || !run.isRunning }
                return run
            }
            #expect(run.wait() == 0, "\(run.stderr)")
            let notice = try #require(run.stdout.split(separator: "\n").first { $0.contains(#""event":"notice""#) })
            #expect(
                notice.hasPrefix(
                    #"{"event":"notice","worker":null,"message":"busy database, retrying in 50 ms (1 of 6): database is locked"#
                ), "\(notice)")
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 1_000)
        }
    }
}
