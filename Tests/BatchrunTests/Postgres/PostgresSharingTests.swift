import BatchEngine
import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// Runs of several processes sharing one PostgreSQL queue: joining, `--exclusive`, failures with and without
    /// `--keep-going`, skewed keys, and signals.
    @Suite struct PostgresSharing {
        private func bumpQueue(rows: Int, badRow: Int? = nil) throws -> (Workspace, TestDatabase) {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try BumpQueue.make(in: database, workspace, rows: rows)
            if let badRow { try database.script("UPDATE t SET n = 1 WHERE id = \(badRow)") }
            return (workspace, database)
        }

        /// The `processed` figure of each JSON `run_finished` event in `output`.
        private func processed(_ output: String) -> Int? {
            let line = output.split(separator: "\n").last { $0.contains("\"run_finished\"") }
            let object = line.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            return object?["processed"] as? Int
        }

        @Test func aSecondApplyJoinsAsMoreWorkers() throws {
            let (workspace, database) = try bumpQueue(rows: 100_000)
            let options = ["apply", "--workers", "2", "--range-size", "500", "--throttle", "1", "--json"]
            let first = try workspace.start(options, database: database.url)
            try workspace.waitUntil { first.stdout.contains("\"progress\"") }
            let second = try workspace.start(options, database: database.url)
            #expect(first.wait() == 0, "\(first.stderr)")
            #expect(second.wait() == 0, "\(second.stderr)")
            let shares = [processed(first.stdout) ?? 0, processed(second.stdout) ?? 0]
            #expect(shares.allSatisfy { $0 > 0 }, "both processes worked: \(shares)")
            #expect(shares.reduce(0, +) == 100_000)
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "100000")
            #expect(try database.scalar("SELECT count(DISTINCT run_id) FROM batchrun_workers") == "2")
        }

        @Test func sixAppliesStartingAtOnceOnAFreshDatabaseShareIt() throws {
            // The state tables do not exist yet: every run wants to create them at the same moment.
            let (workspace, database) = try bumpQueue(rows: 30_000)
            let runs = try (0..<6).map { _ in
                try workspace.start(["apply", "--workers", "1", "--range-size", "300"], database: database.url)
            }
            for run in runs { #expect(run.wait() == 0, "\(run.stderr)") }
            #expect(BumpQueue.bumped(in: database) == 30_000)
            #expect(try database.scalar("SELECT value FROM batchrun_meta WHERE key = 'schema_version'") == "3")
        }

        @Test func anExclusiveRunKeepsEveryOtherRunOut() throws {
            let (workspace, database) = try bumpQueue(rows: 50_000)
            let slow = ["apply", "--range-size", "200", "--throttle", "4"]
            let exclusive = try workspace.start(slow + ["--exclusive"], database: database.url)
            try workspace.waitUntil { (try? database.scalar("SELECT count(*) FROM batchrun_lease")) == "1" }
            let joiner = try workspace.batchrun(slow, database: database.url)
            #expect(joiner.wait() == 75)
            #expect(
                joiner.stderr.contains("another runner holds the lease: \(ProcessIdentity.host) pid \(exclusive.pid)"))
            exclusive.signal(SIGTERM)
            #expect(exclusive.wait() == 75)

            let shared = try workspace.start(slow, database: database.url)
            try workspace.waitUntil {
                (try? database.scalar("SELECT count(*) FROM batchrun_runs WHERE finished_at IS NULL")) == "1"
            }
            let loner = try workspace.batchrun(slow + ["--exclusive"], database: database.url)
            #expect(loner.wait() == 75)
            #expect(
                loner.stderr.contains(
                    "another runner is working on the queue: \(ProcessIdentity.host) pid \(shared.pid)"))
            shared.signal(SIGTERM)
            #expect(shared.wait() == 75)
        }

        @Test func aFailureStopsTheRunButKeepGoingFinishesWhatDoesNotDependOnIt() throws {
            let (workspace, database) = try bumpQueue(rows: 20_000, badRow: 15_000)
            try workspace.write("0002_after.sql", "CREATE TABLE after_bump (x integer);")
            let other = workspace.root.appendingPathComponent("other")
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            try database.script("CREATE TABLE side (id bigint PRIMARY KEY, done boolean NOT NULL DEFAULT false)")
            try database.script("INSERT INTO side (id) SELECT generate_series(1, 20000)")
            try "-- batch: table=side key=id\nUPDATE side SET done = true WHERE id > :from AND id <= :to;"
                .write(to: other.appendingPathComponent("0001_side.sql"), atomically: true, encoding: .utf8)
            let folders = ["--updates", workspace.updates.path, "--updates", other.path]
            let halted = try Spawned(
                Binaries.batchrun, ["apply", "--db", database.url, "--workers", "2", "--range-size", "500"] + folders,
                in: workspace.root)
            #expect(halted.wait() == 1)
            #expect(halted.stderr.contains("step 0001_bump failed"), "\(halted.stderr)")
            #expect(halted.stderr.contains("violates check constraint"), "\(halted.stderr)")
            #expect(try database.scalar("SELECT to_regclass('after_bump') IS NULL") == "t")

            let kept = try Spawned(
                Binaries.batchrun,
                ["apply", "--db", database.url, "--workers", "2", "--range-size", "500", "--keep-going"] + folders,
                in: workspace.root)
            #expect(kept.wait() == 1)
            #expect(try database.scalar("SELECT count(*) FROM side WHERE done") == "20000", "the independent step ran")
            #expect(try database.scalar("SELECT to_regclass('after_bump') IS NULL") == "t", "the dependent did not")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") != "20000")

            try database.script("UPDATE t SET n = 0 WHERE id = 15000")
            let retried = try Spawned(
                Binaries.batchrun, ["apply", "--db", database.url, "--workers", "2"] + folders, in: workspace.root)
            #expect(retried.wait() == 0, "\(retried.stderr)")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "20000")
            #expect(try database.scalar("SELECT to_regclass('after_bump') IS NOT NULL") == "t")
        }

        @Test func skewedKeysKeepBothWorkersBusyToTheEnd() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            // 90% of 100,000 rows sit in the first 1% of the key space.
            try database.script(
                """
                CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
                INSERT INTO t (id) SELECT i FROM generate_series(1, 90000) i;
                INSERT INTO t (id) SELECT 90000 + i * 990 FROM generate_series(1, 10000) i;
                ANALYZE t;
                """)
            // Each range also sleeps 2 ms on the server, so the workers' shares measure how the work was split,
            // not how a loaded machine shared its two cores between them.
            try workspace.write(
                "0001_bump.sql",
                "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;\nSELECT pg_sleep(0.002);"
            )
            let run = try workspace.batchrun(
                ["apply", "--workers", "2", "--range-size", "300", "--json"], database: database.url)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "100000")
            var chunks: [String: [Int: Int]] = [:]
            for line in run.stdout.split(separator: "\n") {
                guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    ["progress", "step_done"].contains(event["event"] as? String),
                    let worker = event["worker"] as? String,
                    let chunk = event["chunk"] as? Int, let count = event["chunk_processed"] as? Int
                else { continue }
                chunks[worker, default: [:]][chunk] = max(chunks[worker]?[chunk] ?? 0, count)
            }
            let shares = chunks.mapValues { $0.values.reduce(0, +) }
            #expect(shares.count == 2, "\(shares)")
            #expect(shares.values.allSatisfy { $0 >= 30_000 }, "both workers did a fair part: \(shares)")
            let denseChunks = try database.scalar(
                "SELECT count(*) FROM batchrun_chunks WHERE coalesce(upper_bound, '999999999')::bigint <= 90000")
            #expect(
                Int(denseChunks ?? "") ?? 0 >= 4, "the dense part was cut into several chunks: \(denseChunks ?? "")")
        }

        @Test func aSecondSignalCancelsTheRunningStatement() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try workspace.write("0001_slow.sql", "CREATE TABLE slow AS SELECT 1 AS x FROM pg_sleep(30);")
            let run = try workspace.start(["apply"], database: database.url)
            try workspace.waitUntil {
                (try? database.scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE TABLE slow%'"))
                    == "1"
            }
            let clock = ContinuousClock()
            let start = clock.now
            run.signal(SIGINT)
            Thread.sleep(forTimeInterval: 0.3)
            #expect(run.isRunning, "the first signal lets the statement finish")
            run.signal(SIGINT)
            #expect(run.wait() == 75, "\(run.stderr)")
            #expect(clock.now - start < .seconds(10), "PQcancel ended the statement long before its 30 s")
            #expect(try database.scalar("SELECT to_regclass('slow') IS NULL") == "t", "its transaction rolled back")
        }

        @Test func aTerminatedSessionReconnectsAndGoesOnFromItsCursor() throws {
            let (workspace, database) = try bumpQueue(rows: 30_000)
            let run = try workspace.start(
                ["apply", "--workers", "1", "--range-size", "200", "--throttle", "2"], database: database.url)
            for _ in 0..<3 {
                let before = BumpQueue.committed(in: database)
                try workspace.waitUntil { BumpQueue.committed(in: database) > before }
                try PostgresCluster.shared.terminateBackends(applicationName: "batchrun w1")
            }
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(run.stdout.contains("reconnected"), "\(run.stdout)")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "30000")
        }
    }
}
