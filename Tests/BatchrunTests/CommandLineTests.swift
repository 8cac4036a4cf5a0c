import Foundation
import TestSupport
import Testing

extension Integration {
    /// Exit codes, messages and the read-only commands.
    @Suite struct CommandLine {
        @Test func usageErrorsExit64() throws {
            let workspace = try Workspace()
            let unknownOption = try Spawned(
                Binaries.batchrun, ["apply", "--db", workspace.database, "--bogus"], in: workspace.root)
            #expect(unknownOption.wait() == 64)
            let missingFolder = try Spawned(
                Binaries.batchrun, ["apply", "--db", workspace.database, "--updates", "/nonexistent"],
                in: workspace.root)
            #expect(missingFolder.wait() == 64)
            #expect(missingFolder.stderr.contains("--updates /nonexistent is not a folder"))
            let directoryAsDatabase = try Spawned(
                Binaries.batchrun, ["apply", "--db", workspace.root.path, "--updates", workspace.updates.path],
                in: workspace.root)
            #expect(directoryAsDatabase.wait() == 64)
            #expect(directoryAsDatabase.stderr.contains("is a directory"))
        }

        @Test func invalidUpdateFileExits65NamingFileAndLineAndWritesNothing() throws {
            let workspace = try Workspace()
            try workspace.sql("CREATE TABLE app (x)")
            try workspace.write("0001_ok.sql", "CREATE TABLE ok (x);")
            let bad = try workspace.write(
                "0002_bad.sql", "-- batch: table=app key=x\n-- colour: red\nSELECT :from, :to;")
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            for command in ["apply", "validate", "plan", "status"] {
                let run = try workspace.batchrun([command])
                #expect(run.wait() == 65, "\(command)")
                #expect(run.stderr.contains("\(bad):2: unknown header 'colour:'"), "\(command): \(run.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }

        @Test func validateRehearsesAgainstTheSchema() throws {
            let workspace = try Workspace()
            try workspace.write("0001_table.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT);")
            try workspace.write(
                "0002_walk.sql",
                "-- batch: table=items key=id\nUPDATE items SET title = upper(title) WHERE id > :from AND id <= :to;")
            let ok = try workspace.batchrun(["validate"])
            #expect(ok.wait() == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("ok: 2 steps, 2 pending"))
            #expect(!FileManager.default.fileExists(atPath: workspace.database))

            let typo = try workspace.write(
                "0002_walk.sql",
                "-- batch: table=items key=id\nUPDATE items\n   SET titel = upper(title) WHERE id > :from AND id <= :to;"
            )
            let refused = try workspace.batchrun(["validate"])
            #expect(refused.wait() == 65)
            #expect(
                refused.stderr.contains("\(typo):2: step '0002_walk' does not fit the schema: no such column: titel"))
        }

        @Test func planListsPendingStepsInOrderAndWritesNothing() throws {
            let workspace = try Workspace()
            try workspace.write("0002_b.sql", "-- batch: range=1..10\nSELECT :from, :to;")
            try workspace.write("0001_a.sql", "-- phase: post\nSELECT 1;")
            let plan = try workspace.batchrun(["plan"])
            #expect(plan.wait() == 0)
            #expect(plan.stdout.contains("1. 0002_b [update] in ranges of 1...10\n2. 0001_a [post] once"))
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        @Test func jsonEventsDescribeTheRunAndItsErrors() throws {
            let workspace = try Workspace()
            try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            let run = try workspace.batchrun(["apply", "--json"])
            #expect(run.wait() == 0)
            let events = run.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            #expect(
                events.map { $0["event"] as? String } == ["run_started", "step_started", "step_done", "run_finished"])
            #expect(events.first?["pending"] as? [String] == ["0001_a"])

            try workspace.write("0002_b.sql", "CREATE TABLE b (x);")
            try workspace.sql(
                "INSERT INTO batchrun_lease VALUES ('runner', 'elsewhere', 7, 1, 't', 'now', \(Date.now.timeIntervalSince1970 + 60))"
            )
            let held = try workspace.batchrun(["apply", "--json"])
            #expect(held.wait() == 75)
            let error = (try? JSONSerialization.jsonObject(with: Data(held.stdout.utf8))) as? [String: Any]
            #expect(error?["event"] as? String == "error")
            #expect(error?["exit_code"] as? Int == 75)
            #expect((error?["message"] as? String)?.contains("elsewhere pid 7") == true)
        }

        @Test func helpDocumentsTheExitCodes() throws {
            let workspace = try Workspace()
            let help = try Spawned(Binaries.batchrun, ["--help"], in: workspace.root)
            #expect(help.wait() == 0)
            for line in ["0   drained", "1   a step failed", "64  usage", "65  invalid input", "75  stopped with work"]
            {
                #expect(help.stdout.contains(line), "\(line)")
            }
        }

        @Test func theDemoInTheRepositoryRunsToCompletion() throws {
            let workspace = try Workspace()
            let demo = repositoryRoot.appendingPathComponent("updates").path
            let run = try Spawned(
                Binaries.batchrun, ["apply", "--db", workspace.database, "--updates", demo], in: workspace.root)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(try workspace.integer("SELECT count(*) FROM products WHERE slug IS NOT NULL") == 1_000_000)
            #expect(try workspace.integer("SELECT products FROM catalog_stats") == 1_000_000)
            #expect(run.stdout.contains("drained: all 8 steps are done"))
        }
    }
}
