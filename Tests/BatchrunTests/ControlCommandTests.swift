import BatchEngine
import Foundation
import TestSupport
import Testing

extension Integration {
    /// `pause`, `resume`, `stop` and `throttle`: requests to the runs of a queue, and what they do without one.
    @Suite struct ControlCommands {
        private static let requests = [["pause"], ["resume"], ["stop"], ["throttle", "0.5"]]

        @Test(arguments: requests)
        func aRequestToAMissingDatabaseCreatesNothing(_ request: [String]) throws {
            let workspace = try Workspace()
            for database in [workspace.file("typo.sqlite"), workspace.file("no-such-folder/typo.sqlite")] {
                let run = try workspace.batchrun(request, database: database)
                #expect(run.wait() == 64, "\(request) \(database): \(run.stderr)")
                #expect(run.stderr.contains("--db \(database) does not exist; no run can be using it"), "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: database))
                #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.file("no-such-folder")))
            let directory = try workspace.batchrun(request, database: workspace.updates.path)
            #expect(directory.wait() == 64)
            #expect(directory.stderr.contains("is a directory, not a database file"), "\(directory.stderr)")
        }

        @Test(arguments: requests)
        func aRequestWithNoRunActiveWritesNothing(_ request: [String]) throws {
            let workspace = try Workspace()
            try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            #expect(try workspace.batchrun(["apply"]).wait() == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            let run = try workspace.batchrun(request)
            #expect(run.wait() == 75, "\(run.stderr)")
            #expect(
                run.stderr.contains(
                    "no run is active on \(workspace.database); nothing to \(request.joined(separator: " "))"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }

        @Test func throttleReachesTheRunningApply() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let run = try workspace.start(["apply", "--json", "--range-size", "200", "--throttle", "10"])
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            let throttle = try workspace.batchrun(["throttle", "0.25"])
            #expect(throttle.wait() == 0, "\(throttle.stderr)")
            #expect(
                throttle.stdout
                    == "throttle 0.25 requested from \(ProcessIdentity.host) pid \(run.pid); it takes effect after the"
                    + " current ranges\n")
            let status = try workspace.batchrun(["status", "--json"])
            let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            #expect((document?["control"] as? [String: Any])?["throttle"] as? Double == 0.25, "\(status.stdout)")
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(run.stdout.contains(#""event":"control","paused":false,"throttle":0.25"#), "\(run.stdout)")
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 20_000)
        }

        /// An error that is no step's (here the state itself, damaged while the run is paused between ranges, or
        /// while its ranges run) stops the run with work left: no step is marked failed, the committed ranges stay.
        @Test(arguments: [true, false])
        func aDamagedStateStopsTheRunWithWorkLeftAndFailsNoStep(whilePaused: Bool) throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 20_000)
            let run = try workspace.start(["apply", "--range-size", "200", "--throttle", "2"])
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            if whilePaused {
                #expect(try workspace.batchrun(["pause"]).wait() == 0)
                try workspace.waitUntil { try workspace.text("SELECT state FROM batchrun_workers") == "paused" }
            }
            try workspace.sql("DROP TABLE batchrun_control")

            #expect(run.wait() == 75, "\(run.stderr)")
            #expect(run.stderr.contains("batchrun_control"), "\(run.stderr)")
            #expect(try workspace.text("SELECT status FROM batchrun_steps WHERE id = '0001_bump'") == "running")
            #expect(try workspace.text("SELECT error FROM batchrun_steps WHERE id = '0001_bump'") == nil)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == workspace.processed("0001_bump"))
        }

        @Test(arguments: ["101", "-1", "much", "nan"])
        func aThrottleOutsideItsRangeIsAUsageError(_ fraction: String) throws {
            let workspace = try Workspace()
            let run = try workspace.batchrun(["throttle", fraction])
            #expect(run.wait() == 64, "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }
    }
}
