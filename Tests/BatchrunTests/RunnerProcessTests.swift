import Foundation
import TestSupport
import Testing

extension Integration {
    /// `apply` as a pipeline runs it: concurrency, signals, time limits, failures, no-op runs.
    @Suite struct RunnerProcess {
        @Test func sigtermStopsWithWorkLeftAndTheNextApplyCompletes() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 50_000)
            let run = try workspace.start(["apply", "--range-size", "200", "--throttle", "10"])
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            run.signal(SIGTERM)
            #expect(run.wait() == 75)
            #expect(run.stdout.contains("stopped by SIGTERM"))
            #expect(try workspace.integer("SELECT count(*) FROM batchrun_lease") == 0)
            let stoppedAt = try workspace.processed("0001_bump")
            #expect(stoppedAt > 0 && stoppedAt < 50_000)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == stoppedAt)

            let resumed = try workspace.batchrun(["apply"])
            #expect(resumed.wait() == 0, "\(resumed.stderr)")
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 50_000)
            #expect(try workspace.integer("SELECT count(*) FROM touched") == 50_000)
        }

        @Test func aSecondSignalInterruptsALongStatementAndRollsItBack() throws {
            let workspace = try Workspace()
            try workspace.write(
                "0001_big.sql",
                """
                CREATE TABLE big AS
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500000000) SELECT i FROM s;
                """)
            let run = try workspace.start(["apply"])
            try workspace.waitUntil {
                try workspace.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'batchrun_runs'") == 1
            }
            Thread.sleep(forTimeInterval: 0.2)
            run.signal(SIGINT)
            Thread.sleep(forTimeInterval: 0.3)
            #expect(run.isRunning, "the first signal lets the statement finish")
            run.signal(SIGINT)
            #expect(run.wait() == 75)
            #expect(run.stderr.contains("interrupted"), "\(run.stderr)")
            #expect(try workspace.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'big'") == 0)
            #expect(try workspace.text("SELECT status FROM batchrun_steps") == "pending")
            #expect(try workspace.integer("SELECT count(*) FROM batchrun_lease") == 0)
        }

        @Test func withoutATerminalProgressIsAPlainLineEveryInterval() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let started = Date.now
            let run = try workspace.batchrun([
                "apply", "--range-size", "200", "--throttle", "10", "--budget", "50ms", "--progress-every", "300ms",
            ])
            let seconds = Date.now.timeIntervalSince(started)
            #expect(run.wait() == 0)
            let progress = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  0001_bump  ") }
            #expect(progress.count >= 2, "\(run.stdout)")
            #expect(progress.allSatisfy { $0.contains("/20,000 (") && $0.contains("ETA") }, "\(progress)")
            #expect(!run.stdout.contains("\u{1B}"), "no terminal escapes without a terminal")
            // Ticks end every 50 ms, but a line is written at most every 300 ms.
            #expect(progress.count <= Int(seconds / 0.3) + 1, "\(progress.count) lines in \(seconds) s")
        }

        @Test func maxTimeStopsWithWorkLeftAndTheNextApplyCompletes() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 50_000)
            let limited = try workspace.batchrun([
                "apply", "--range-size", "200", "--throttle", "10", "--max-time", "300ms",
            ])
            #expect(limited.wait() == 75)
            #expect(limited.stdout.contains("max time reached"))
            #expect(try workspace.processed("0001_bump") < 50_000)
            #expect(try workspace.batchrun(["apply"]).wait() == 0)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 50_000)
        }

        @Test func aStepFailingMidTableKeepsEarlierRangesAndResumesOnceFixed() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 10_000)
            try workspace.sql("UPDATE t SET n = 1 WHERE id = 15002")
            let failed = try workspace.batchrun(["apply", "--json"])
            #expect(failed.wait() == 1)
            #expect(failed.stdout.contains("\"event\":\"step_failed\",\"step\":\"0001_bump\""))
            #expect(failed.stdout.contains("CHECK constraint failed"))
            #expect(failed.stdout.contains("\"exit_code\":1"))
            let kept = try workspace.processed("0001_bump")
            #expect(kept > 0 && kept < 10_000)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == kept + 1)

            let status = try workspace.batchrun(["status"])
            #expect(status.wait() == 0)
            #expect(status.stdout.contains("failed"))
            #expect(status.stdout.contains("error: CHECK constraint failed"))
            let json = try workspace.batchrun(["status", "--json"])
            #expect(json.stdout.contains("\"status\":\"failed\""))

            try workspace.sql("UPDATE t SET n = 0 WHERE id = 15002")
            let retried = try workspace.batchrun(["apply"])
            #expect(retried.wait() == 0, "\(retried.stderr)")
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 10_000)
            #expect(try workspace.integer("SELECT count(*) FROM touched") == 10_000)
            #expect(try workspace.integer("SELECT attempts FROM batchrun_steps") == 2)
        }

        @Test func noOpApplyOnADrainedQueueWritesNothing() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 1_000)
            #expect(try workspace.batchrun(["apply"]).wait() == 0)
            let url = URL(fileURLWithPath: workspace.database)
            let bytes = try Data(contentsOf: url)
            let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            let started = Date.now
            let noOp = try workspace.batchrun(["apply"])
            let seconds = Date.now.timeIntervalSince(started)
            #expect(noOp.wait() == 0)
            #expect(noOp.stdout.contains("nothing to do"))
            for command in ["status", "plan", "validate"] {
                #expect(try workspace.batchrun([command]).wait() == 0, "\(command)")
            }
            #expect(try Data(contentsOf: url) == bytes)
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == modified)
            print("no-op apply took \(Int(seconds * 1000)) ms (debug build, whole process)")
        }
    }
}
