import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// Control requests and views across processes: `pause`, `resume`, `throttle` and `stop` reach every worker of
    /// the queue, `status` lists them, and a step marked `workers: 1` is never split.
    @Suite struct PostgresControl {
        @Test func controlRequestsReachEveryWorkerOfEveryProcess() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try BumpQueue.make(in: database, workspace, rows: 200_000)
            let slow = ["apply", "--workers", "2", "--range-size", "100", "--throttle", "2"]
            let runs = try (0..<2).map { _ in try workspace.start(slow, database: database.url) }
            let committed = {
                Int((try? database.scalar("SELECT coalesce(sum(processed), 0) FROM batchrun_chunks")) ?? nil ?? "") ?? 0
            }
            do {
                try workspace.waitUntil {
                    (try? database.scalar("SELECT count(*) FROM batchrun_workers WHERE stopped_at IS NULL")) == "4"
                        && committed() > 0
                }
            } catch {
                let workers = try database.rows("SELECT run_id, name, state, stopped_at FROM batchrun_workers")
                let chunks = try database.rows("SELECT id, claimed_by, processed, done FROM batchrun_chunks")
                Issue.record(
                    "\(workers) \(chunks) \(runs.map { ($0.stdout + $0.stderr).replacingOccurrences(of: "\n", with: " / ") })"
                )
                throw error
            }
            let pause = try workspace.batchrun(["pause"], database: database.url)
            #expect(pause.wait() == 0, "\(pause.stderr)")
            #expect(runs.allSatisfy { pause.stdout.contains("pid \($0.pid)") }, "\(pause.stdout)")
            try workspace.waitUntil {
                (try? database.scalar("SELECT count(*) FROM batchrun_workers WHERE state = 'paused'")) == "4"
            }
            let held = committed()
            Thread.sleep(forTimeInterval: 0.6)
            #expect(committed() == held, "no worker of either process commits while paused")

            let status = try workspace.batchrun(["status", "--json"], database: database.url)
            let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let workers = document?["workers"] as? [[String: Any]] ?? []
            #expect(workers.count == 4)
            #expect(Set(workers.compactMap { $0["pid"] as? Int }) == Set(runs.map { Int($0.pid) }))
            #expect(workers.allSatisfy { $0["state"] as? String == "paused" && $0["heartbeat_at"] is String })
            let table = try workspace.batchrun(["status"], database: database.url)
            #expect(table.wait() == 0)
            #expect(table.stdout.contains(": open, "), "an unfinished step lists its chunks: \(table.stdout)")
            #expect(runs.allSatisfy { table.stdout.contains("pid \($0.pid) w") }, "\(table.stdout)")

            #expect(try workspace.batchrun(["throttle", "0"], database: database.url).wait() == 0)
            #expect(try workspace.batchrun(["resume"], database: database.url).wait() == 0)
            try workspace.waitUntil { committed() > held }
            let stop = try workspace.batchrun(["stop"], database: database.url)
            #expect(stop.wait() == 0)
            for run in runs { #expect(run.wait() == 75, "\(run.stderr)") }
            // A stop reaches the runs active when it was asked, never a later one.
            let next = try workspace.batchrun(["apply", "--workers", "2"], database: database.url)
            #expect(next.wait() == 0, "\(next.stderr)")
            #expect(BumpQueue.bumped(in: database) == 200_000)
            let done = try workspace.batchrun(["status"], database: database.url)
            #expect(done.wait() == 0)
            #expect(done.stdout.contains("chunks, all done"), "a finished step folds its chunks: \(done.stdout)")
            #expect(!done.stdout.contains(": open, ") && !done.stdout.contains(": done, "), "\(done.stdout)")
        }

        @Test func aStepMarkedWorkersOneIsNeverSplit() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try database.script(
                """
                CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
                INSERT INTO t (id) SELECT generate_series(1, 30000);
                """)
            try workspace.write(
                "0001_ordered.sql",
                "-- batch: table=t key=id\n-- workers: 1\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;")
            let run = try workspace.batchrun(
                ["apply", "--workers", "3", "--range-size", "500"], database: database.url)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(try database.scalar("SELECT count(*) FROM batchrun_chunks") == "1")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "30000")
        }
    }
}
