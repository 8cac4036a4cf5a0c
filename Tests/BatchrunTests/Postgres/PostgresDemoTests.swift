import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// README's demo, the update files in `updates/`, runs unchanged on PostgreSQL as on SQLite.
    @Suite struct PostgresDemo {
        @Test func theDemoRunsUnchangedOnPostgreSQL() throws {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            let demo = repositoryRoot.appendingPathComponent("updates").path
            let run = try Spawned(
                Binaries.batchrun, ["apply", "--db", database.url, "--updates", demo, "--workers", "2"],
                in: workspace.root)
            #expect(run.wait() == 0, "\(run.stderr)")
            #expect(run.stdout.contains("drained: all 8 steps are done"))
            #expect(try database.scalar("SELECT count(*) FROM products WHERE slug IS NOT NULL") == "1000000")
            #expect(try database.scalar("SELECT count(*) FROM products WHERE title = trim(title)") == "1000000")
            #expect(try database.scalar("SELECT products FROM catalog_stats") == "1000000")
            let again = try Spawned(
                Binaries.batchrun, ["apply", "--db", database.url, "--updates", demo], in: workspace.root)
            #expect(again.wait() == 0)
            #expect(again.stdout.contains("nothing to do"))
        }
    }
}
