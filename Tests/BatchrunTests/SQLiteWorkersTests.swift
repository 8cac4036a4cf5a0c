import Foundation
import TestSupport
import Testing

extension Integration {
    /// SQLite takes one writer at a time, so a run there has one worker: more is refused before anything is written.
    @Suite struct SQLiteWorkers {
        @Test func moreThanOneWorkerOnSQLiteIsAUsageError() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 100)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            let run = try workspace.batchrun(["apply", "--workers", "2"])
            #expect(run.wait() == 64)
            #expect(run.stderr.contains("takes one writer at a time"), "\(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }
    }
}
