import Foundation
import Testing

extension Integration {
    /// SIGKILL at random instants, resume, repeat: the final tables must equal an uninterrupted run's.
    @Suite struct KillTorture {
        /// Kills to perform: 25 by default, more with BATCHRUN_KILLS.
        static let kills = Int(ProcessInfo.processInfo.environment["BATCHRUN_KILLS"] ?? "") ?? 25

        @Test func randomKillsNeitherLoseNorRepeatARow() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 100_000)
            try workspace.write("0002_index.sql", "CREATE INDEX touched_id ON touched (id);")
            try workspace.write(
                "0003_summary.sql", "-- phase: post\nCREATE TABLE summary AS SELECT count(*) AS c, sum(n) AS s FROM t;")
            let pristine = workspace.root.appendingPathComponent("pristine.sqlite").path
            try FileManager.default.copyItem(atPath: workspace.database, toPath: pristine)

            let reference = workspace.root.appendingPathComponent("reference.sqlite").path
            try FileManager.default.copyItem(atPath: pristine, toPath: reference)
            let uninterrupted = try workspace.start(["apply", "--range-time", "2ms"], database: reference)
            #expect(uninterrupted.wait() == 0, "\(uninterrupted.stderr)")
            let expected = try workspace.dump(database: reference)
            #expect(expected.count == 200_001)

            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var insideTransaction = 0
            var rounds = 0
            while kills < Self.kills {
                rounds += 1
                try? FileManager.default.removeItem(atPath: workspace.database)
                try FileManager.default.copyItem(atPath: pristine, toPath: workspace.database)
                var lastProcessed = 0
                while true {
                    let run = try workspace.start(["apply", "--range-time", "2ms"])
                    Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.25, using: &generator))
                    run.signal(SIGKILL)
                    let status = run.wait()
                    if status == 0 { break }
                    #expect(status == nil, "apply exited \(String(describing: status)): \(run.stderr)")
                    kills += 1
                    let journal = workspace.database + "-journal"
                    let journalSize = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
                    if journalSize > 0 { insideTransaction += 1 }
                    let processed = try workspace.processed()
                    #expect(processed >= lastProcessed, "the cursor went back")
                    lastProcessed = processed
                }
                #expect(try workspace.dump() == expected, "round \(rounds) differs from the uninterrupted run")
            }
            print("kill torture: \(kills) kills in \(rounds) rounds, \(insideTransaction) inside a write transaction")
            #expect(insideTransaction * 5 >= kills, "only \(insideTransaction) of \(kills) kills hit a transaction")
        }
    }
}
