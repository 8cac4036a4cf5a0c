import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// Runs that hold new ranges back while the database says so: a streaming replica lagging behind (a real one,
    /// delayed with `recovery_min_apply_delay`), and a throttle query.
    @Suite struct PostgresThrottle {
        /// The `reason` of every JSON `throttled` event in `output`, `nil` for a resume.
        private func throttles(_ output: String) -> [String?] {
            output.split(separator: "\n").compactMap { line in
                guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    event["event"] as? String == "throttled"
                else { return nil }
                return .some(event["reason"] as? String)
            }
        }

        @Test(arguments: [true, false])
        func aLaggingReplicaPausesNewRangesUntilItCatchesUp(namingTheReplica: Bool) throws {
            let cluster = try PostgresCluster.start()
            defer { cluster.shutdown() }
            let database = try cluster.makeDatabase()
            let workspace = try Workspace()
            try BumpQueue.make(in: database, workspace, rows: 20_000)
            // Each range also sleeps 10 ms on the server, so the run outlasts the 1 s limit on a fast, idle machine.
            try workspace.write(
                "0001_bump.sql",
                "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;\nSELECT pg_sleep(0.01);"
            )
            let replica = try cluster.makeReplica()
            try replica.waitForReplay()
            try replica.setApplyDelay(.seconds(3))
            let lag = ["--max-replica-lag", "1s"] + (namingTheReplica ? ["--replica", replica.url()] : [])
            let run = try workspace.start(
                ["apply", "--workers", "1", "--range-size", "100", "--throttle", "2", "--json"] + lag,
                database: database.url)
            try workspace.waitUntil { self.throttles(run.stdout).contains { $0?.contains("replica lag") == true } }
            let reason = try #require(throttles(run.stdout).compactMap { $0 }.first)
            #expect(reason.hasPrefix("replica lag ") && reason.contains(" > 1.0 s"), "\(reason)")
            let status = try workspace.batchrun(["status", "--json"], database: database.url)
            #expect(status.stdout.contains("throttled: replica lag"), "\(status.stdout)")
            let held = try database.scalar("SELECT sum(processed) FROM batchrun_chunks")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(
                try database.scalar("SELECT sum(processed) FROM batchrun_chunks") == held, "no range starts meanwhile")

            try replica.setApplyDelay(.zero)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(throttles(run.stdout).contains { $0 == nil }, "the run resumed once the replica caught up")
            #expect(BumpQueue.bumped(in: database) == 20_000)
        }

        @Test func aThrottleQueryHoldsRangesWhileItAnswersTrueAndBadSQLIsRefusedFirst() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try BumpQueue.make(in: database, workspace, rows: 2000)
            try database.script("CREATE TABLE app_health (busy boolean NOT NULL); INSERT INTO app_health VALUES (true)")
            let bad = try workspace.batchrun(
                ["apply", "--throttle-query", "SELECT busy FROM app_helth"], database: database.url)
            #expect(bad.wait() == 64, "\(bad.stderr)")
            #expect(bad.stderr.contains("--throttle-query does not run"), "\(bad.stderr)")
            #expect(try database.scalar("SELECT to_regclass('batchrun_steps') IS NULL") == "t", "nothing was written")

            let run = try workspace.start(
                ["apply", "--range-size", "100", "--json", "--throttle-query", "SELECT busy FROM app_health"],
                database: database.url)
            try workspace.waitUntil { self.throttles(run.stdout).contains { $0 == "throttle query answered true" } }
            Thread.sleep(forTimeInterval: 1.0)
            #expect(try database.scalar("SELECT coalesce(sum(processed), 0) FROM batchrun_chunks") == "0")
            try database.script("UPDATE app_health SET busy = false")
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(BumpQueue.bumped(in: database) == 2000)
        }
    }
}
