import BatchEngine
import Foundation
import GRDB
import TestSupport
import Testing

extension Integration {
    /// SIGKILL at random instants across a queue that mixes every kind of step, resume, repeat: after each kill the
    /// state must have only moved forward, and at the end every table must equal an uninterrupted run's.
    @Suite struct KillTorture {
        /// Kills to perform: 25 by default, more with BATCHRUN_KILLS (the soak runs 1,000).
        static let kills = Int(ProcessInfo.processInfo.environment["BATCHRUN_KILLS"] ?? "") ?? 25

        /// Integer keys with gaps and negatives, text keys, a DDL step, a non-idempotent backfill, a step inserting
        /// into another table, and a post-phase step.
        private func makeMixedQueue(_ workspace: Workspace) throws {
            try workspace.makeBumpQueue(rows: 100_000)
            try workspace.sql(
                """
                CREATE TABLE words (word TEXT PRIMARY KEY, hits INTEGER NOT NULL DEFAULT 0);
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000)
                INSERT INTO words (word) SELECT printf('w%x-%d', (i * 2654435761) % 1000003, i) FROM s;
                CREATE TABLE generated (k INTEGER NOT NULL, v TEXT NOT NULL);
                """)
            try workspace.writeMixedQueueSteps(
                generating: 20_000,
                with: """
                    WITH RECURSIVE s(i) AS (SELECT :from + 1 UNION ALL SELECT i + 1 FROM s WHERE i < :to)
                    INSERT INTO generated (k, v) SELECT i, hex(i * i) FROM s;
                    """)
        }

        @Test func randomKillsNeitherLoseNorRepeatARow() throws {
            let workspace = try Workspace()
            try makeMixedQueue(workspace)
            let pristine = workspace.root.appendingPathComponent("pristine.sqlite").path
            try FileManager.default.copyItem(atPath: workspace.database, toPath: pristine)
            // Every other round runs in WAL mode, where commits and crash recovery work differently.
            let pristineWAL = workspace.root.appendingPathComponent("pristine-wal.sqlite").path
            try FileManager.default.copyItem(atPath: pristine, toPath: pristineWAL)
            try DatabaseQueue(path: pristineWAL).writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA journal_mode = WAL")
            }

            let reference = workspace.root.appendingPathComponent("reference.sqlite").path
            try FileManager.default.copyItem(atPath: pristine, toPath: reference)
            let clock = ContinuousClock()
            let startedAt = clock.now
            let uninterrupted = try workspace.start(["apply", "--range-time", "2ms"], database: reference)
            #expect(uninterrupted.wait() == 0, "\(uninterrupted.stderr)")
            // Kills land anywhere in a run's life: start-up, preflight, lease takeover, ranges, commits, step changes.
            let runTime = max(0.02, (clock.now - startedAt).seconds)
            let expected = try workspace.dump(database: reference)

            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var insideTransaction = 0
            var walKills = 0
            var rounds = 0
            var differences = 0
            while kills < Self.kills {
                rounds += 1
                let wal = rounds.isMultiple(of: 2)
                for suffix in ["", "-journal", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: workspace.database + suffix)
                }
                try FileManager.default.copyItem(atPath: wal ? pristineWAL : pristine, toPath: workspace.database)
                var previous = try StateCheck(workspace)
                while true {
                    let run = try workspace.start(["apply", "--range-time", "2ms"])
                    let delay = Double.random(in: 0.005...runTime, using: &generator)
                    if !wal && kills.isMultiple(of: 2) {
                        // Every other rollback-journal kill waits for a write transaction to be under way (its
                        // journal exists), so kills surely land inside ranges and commits, not only around them.
                        waitForJournal(of: workspace.database, upTo: delay)
                    } else {
                        Thread.sleep(forTimeInterval: delay)
                    }
                    run.signal(SIGKILL)
                    let status = run.wait()
                    if status == 0 { break }
                    #expect(status == nil, "apply exited \(String(describing: status)): \(run.stderr)")
                    kills += 1
                    let journal = workspace.database + "-journal"
                    let journalSize = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
                    if journalSize > 0 { insideTransaction += 1 }
                    if wal { walKills += 1 }
                    let current = try StateCheck(workspace)
                    let regressions = current.regressions(since: previous)
                    #expect(regressions.isEmpty, "after kill \(kills): \(regressions)")
                    previous = current
                }
                let actual = try workspace.dump()
                if actual != expected {
                    differences += Set(actual).symmetricDifference(expected).count
                    Issue.record("round \(rounds) differs from the uninterrupted run")
                }
            }
            print(
                "kill torture: \(kills) kills (\(walKills) in WAL mode), \(kills + rounds) runs in \(rounds) rounds,"
                    + " \(insideTransaction) kills inside a rollback-journal write transaction, \(differences) rows differ"
            )
            let journalKills = kills - walKills
            #expect(
                insideTransaction * 5 >= journalKills,
                "only \(insideTransaction) of \(journalKills) rollback-journal kills hit a transaction")
            #expect(walKills > 0 || rounds < 2)
        }
    }
}

/// Polls every 100 µs until `database`'s rollback journal holds data, or `seconds` have passed.
private func waitForJournal(of database: String, upTo seconds: Double) {
    let deadline = Date.now.addingTimeInterval(seconds)
    while Date.now < deadline {
        let size = (try? FileManager.default.attributesOfItem(atPath: database + "-journal")[.size] as? Int) ?? 0
        if size > 0 { return }
        usleep(100)
    }
}

/// What the state tables say after a kill, to check that nothing moved backwards.
struct StateCheck {
    var processed: [String: Int] = [:]
    var finished: [String: String] = [:]

    init(_ workspace: Workspace) throws {
        guard try workspace.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'batchrun_steps'") == 1 else {
            return
        }
        for row in try workspace.rows(
            """
            SELECT s.id, CAST((SELECT coalesce(sum(c.processed), 0) FROM batchrun_chunks c WHERE c.step_id = s.id) AS TEXT),
                   s.finished_at
              FROM batchrun_steps s
            """)
        {
            processed[row[0]] = Int(row[1])
            if !row[2].isEmpty { finished[row[0]] = row[2] }
        }
    }

    /// Steps whose processed count went down, or that finished twice.
    func regressions(since earlier: StateCheck) -> [String] {
        earlier.processed.compactMap { step, count in
            (processed[step] ?? 0) < count ? "\(step) processed went from \(count) to \(processed[step] ?? 0)" : nil
        }
            + earlier.finished.compactMap { step, at in
                finished[step] != at ? "\(step) finished again (\(at) then \(finished[step] ?? "never"))" : nil
            }
    }
}
