import Foundation
import TestSupport
import Testing

extension Integration {
    /// State rows a user or a bug could craft: times that are no times, counts at the edge of `Int`. Every command
    /// answers with a clear error or carries on, and none traps.
    @Suite struct CraftedState {
        private static let walk =
            "-- batch: table=items key=id\nUPDATE items SET n = n + 1 WHERE id > :from AND id <= :to;"
        private static let commands = [["apply"], ["status"], ["status", "--json"], ["plan"], ["validate"]]

        /// A queue whose one step has a state row and nothing committed yet, and a pending step after it: an `apply`
        /// that went on would write.
        private func startedQueue() throws -> Workspace {
            let workspace = try Workspace()
            try workspace.sql(
                """
                CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100)
                INSERT INTO items (id) SELECT i FROM s;
                """)
            try workspace.write("0001_walk.sql", Self.walk)
            #expect(try workspace.batchrun(["apply", "--max-time", "0s"]).wait() == 75)
            try workspace.write("0002_more.sql", "CREATE TABLE more (x);")
            return workspace
        }

        /// Runs every command and expects each to refuse the state with 65, naming `problem`, and to write nothing.
        private func expectRefused(_ workspace: Workspace, naming problem: String) throws {
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            for command in Self.commands {
                let run = try workspace.batchrun(command)
                #expect(run.wait() == 65, "\(command): \(run.stderr)")
                #expect(run.stderr.contains("corrupt state: \(problem)"), "\(command): \(run.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }

        @Test(arguments: ["9e999", "-9e999", "1e300", "-1e300", "'soon'"])
        func aLeaseExpiryThatIsNoTimeIsCorruptState(_ expiry: String) throws {
            let workspace = try startedQueue()
            // A holder on another host looks alive: before, apply computed how long it had left and trapped.
            try workspace.sql(
                "INSERT INTO batchrun_lease VALUES ('runner', 'elsewhere', 7, 1, 'theirs', 'now', \(expiry))")
            try expectRefused(workspace, naming: "the lease's expiry is not a time near the database's clock")
        }

        @Test(arguments: [
            ("9e999", "is not a time near the database's clock"), ("1e300", "is not a time near the database's clock"),
            ("'later'", "is not a number"),
        ])
        func aClaimExpiryThatIsNoTimeIsCorruptState(_ expiry: String, _ problem: String) throws {
            let workspace = try startedQueue()
            try workspace.sql(
                "UPDATE batchrun_chunks SET claim_token = 'theirs', claimed_by = 1, claim_expires_at = \(expiry)")
            try expectRefused(workspace, naming: "the claim expiry of chunk 1 of step '0001_walk' \(problem)")
        }

        @Test func countsNearIntMaxAreShownAndAddedWithoutOverflow() throws {
            let workspace = try startedQueue()
            let nearMax = Int.max - 1
            // Two chunks whose counts add up past Int.max, under a total of Int.max.
            try workspace.sql(
                """
                UPDATE batchrun_steps SET total = \(Int.max);
                UPDATE batchrun_chunks SET upper_bound = '60', processed = \(nearMax), estimate = \(Int.max);
                INSERT INTO batchrun_chunks (step_id, lower_bound, processed, updated_at)
                VALUES ('0001_walk', '60', \(nearMax), 'then');
                """)
            let shown = "9,223,372,036,854,775,807/9,223,372,036,854,775,807 (100%)"
            let status = try workspace.batchrun(["status"])
            #expect(status.wait() == 0, "\(status.stderr)")
            #expect(status.stdout.contains("0001_walk  update  pending  0         \(shown)"), "\(status.stdout)")
            #expect(status.stdout.contains("chunk 2 (after 60 through end): open, 9,223,372,036,854,775,806"))
            let json = try workspace.batchrun(["status", "--json"])
            #expect(json.wait() == 0, "\(json.stderr)")
            let steps = try #require(
                (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["steps"]
                    as? [[String: Any]])
            #expect(steps.first?["processed"] as? Int == Int.max)
            #expect(
                (steps.first?["chunks"] as? [[String: Any]])?.map { $0["processed"] as? Int } == [nearMax, nearMax])
            let plan = try workspace.batchrun(["plan"])
            #expect(plan.wait() == 0, "\(plan.stderr)")

            let apply = try workspace.batchrun(["apply", "--range-size", "7", "--json"])
            #expect(apply.wait() == 0, "\(apply.stderr)")
            #expect(apply.stdout.contains("\"event\":\"step_done\",\"step\":\"0001_walk\""), "\(apply.stdout)")
            #expect(apply.stdout.contains("\"processed\":\(Int.max)"), "\(apply.stdout)")
            #expect(try workspace.integer("SELECT count(*) FROM items WHERE n = 1") == 100)
            #expect(
                try workspace.rows("SELECT processed FROM batchrun_chunks WHERE step_id = '0001_walk' ORDER BY id") == [
                    ["\(Int.max)"], ["\(Int.max)"],
                ])
        }
    }
}
