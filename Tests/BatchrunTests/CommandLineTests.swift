import BatchEngine
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
            #expect(missingFolder.stderr.contains("--updates /nonexistent does not exist"))
            let directoryAsDatabase = try Spawned(
                Binaries.batchrun, ["apply", "--db", workspace.root.path, "--updates", workspace.updates.path],
                in: workspace.root)
            #expect(directoryAsDatabase.wait() == 64)
            #expect(directoryAsDatabase.stderr.contains("is a directory"))
        }

        @Test(arguments: [
            ["--max-time", "1e30s"], ["--budget", "1e300s"], ["--lease-ttl", "8761h"], ["--busy-timeout", "1e19ms"],
            ["--range-time", "infs"],
        ])
        func durationsBeyondAYearAreUsageErrors(_ option: [String]) throws {
            let workspace = try Workspace()
            try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            let run = try workspace.batchrun(["apply"] + option)
            #expect(run.wait() == 64, "\(option): \(run.stderr)")
            #expect(run.stderr.contains("The value '\(option[1])' is invalid for '\(option[0])"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        @Test func aReplicaLagLimitOnSQLiteIsAUsageError() throws {
            let workspace = try Workspace()
            try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            let run = try workspace.batchrun(["apply", "--max-replica-lag", "1s"])
            #expect(run.wait() == 64, "\(run.stderr)")
            #expect(run.stderr.contains("--max-replica-lag needs a PostgreSQL database"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        @Test(arguments: [Binaries.batchrun, Binaries.batchTUI, Binaries.batchBench])
        func versionIsTheOneVersionString(_ binary: String) throws {
            let workspace = try Workspace()
            let run = try Spawned(binary, ["--version"], in: workspace.root)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(run.stdout == BatchrunVersion.current + "\n")
        }

        @Test func countsOfOneAreSingular() throws {
            let workspace = try Workspace()
            try workspace.write("0001_one.sql", "-- batch: range=1..1\nSELECT :from, :to;")
            let plan = try workspace.batchrun(["plan"])
            #expect(plan.stdout.hasPrefix("1 of 1 step would run"), "\(plan.stdout)")
            #expect(try workspace.batchrun(["validate"]).stdout.contains("ok: 1 step, 1 pending"))
            let run = try workspace.batchrun(["apply"])
            #expect(run.wait() == 0, "\(run.stderr)")
            for text in ["1 step pending", "0001_one  1 row\n", "drained: the 1 step is done; 1 row in ", ", 1 range,"]
            {
                #expect(run.stdout.contains(text), "\(text): \(run.stdout)")
            }
            #expect(try workspace.batchrun(["status"]).stdout.contains("1 of 1 step done"))
            let noOp = try workspace.batchrun(["apply"])
            let ending = #/nothing to do: the 1 step is done; 0 rows in \d+ ms, 0 ranges\n/#
            #expect(noOp.stdout.contains(ending), "\(noOp.stdout)")
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

        @Test func helpDocumentsTheExitCodesInATableThatFitsEightyColumns() throws {
            let workspace = try Workspace()
            let help = try Spawned(Binaries.batchrun, ["--help"], in: workspace.root, environment: ["COLUMNS": "80"])
            #expect(help.wait() == 0)
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let table = try #require(lines.firstIndex(of: "EXIT CODES")).advanced(by: 1)
            let rows = lines[table...].prefix { !$0.isEmpty }
            let codes = rows.compactMap { $0.wholeMatch(of: #/  (\d+) +\S.*/#)?.1 }
            #expect(codes == ["0", "1", "64", "65", "75"], "\(rows)")
            // Every other line continues the code above it, aligned under its text, not wrapped to the margin.
            #expect(rows.allSatisfy { $0.count <= 78 }, "\(rows)")
            #expect(rows.count { $0.hasPrefix("      ") && $0.dropFirst(6).first != " " } == rows.count - 5)
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
