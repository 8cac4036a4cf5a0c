import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// Several `apply` processes of two workers each share one PostgreSQL queue while processes are SIGKILLed and
    /// batchrun's sessions terminated at random instants; after every blow the state may only have moved forward,
    /// and once the queue drains every table must equal an uninterrupted run's, row by row.
    @Suite struct PostgresKillTorture {
        /// Blows to deal: 25 by default, more with BATCHRUN_KILLS.
        static let blows = Int(ProcessInfo.processInfo.environment["BATCHRUN_KILLS"] ?? "") ?? 25

        private static let apply = ["apply", "--workers", "2", "--range-time", "5ms", "--lease-ttl", "10s"]

        @Test func killsAndTerminationsNeitherLoseNorRepeatARow() throws {
            let workspace = try Workspace()
            let queue = try PostgresQueue(in: workspace)
            let reference = try queue.copy()
            let clock = ContinuousClock()
            let started = clock.now
            let uninterrupted = try workspace.start(Self.apply, database: reference.url)
            #expect(uninterrupted.wait() == 0, "\(uninterrupted.stderr)")
            let runTime = max(0.05, (clock.now - started).seconds)
            let expected = try PostgresQueue.dump(reference)

            var generator = SystemRandomNumberGenerator()
            var (kills, terminations, rounds, differences) = (0, 0, 0, 0)
            while kills + terminations < Self.blows {
                rounds += 1
                let database = try queue.copy()
                var processes = try (0..<2).map { _ in try workspace.start(Self.apply, database: database.url) }
                var previous = try PostgresQueue.progress(database)
                var blowsThisRound = 0
                while processes.contains(where: \.isRunning) {
                    Thread.sleep(forTimeInterval: Double.random(in: 0...(runTime / 3), using: &generator))
                    guard blowsThisRound < 4, kills + terminations < Self.blows else { continue }
                    if Bool.random(using: &generator), let victim = processes.filter(\.isRunning).randomElement() {
                        victim.signal(SIGKILL)
                        _ = victim.wait()
                        kills += 1
                    } else {
                        let ended = try database.scalar(
                            """
                            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM
                              (SELECT pid FROM pg_stat_activity WHERE datname = current_database()
                                  AND application_name LIKE 'batchrun w%' ORDER BY random() LIMIT 1) chosen
                            """)
                        if ended == "1" { terminations += 1 }
                    }
                    blowsThisRound += 1
                    let now = try PostgresQueue.progress(database)
                    for (step, count) in previous.processed where (now.processed[step] ?? 0) < count {
                        Issue.record("\(step) went back from \(count) to \(now.processed[step] ?? 0)")
                    }
                    #expect(previous.done.isSubset(of: now.done), "a done step became undone")
                    previous = now
                    // A killed process is replaced, as a deploy pipeline's retry would.
                    processes = try processes.map {
                        $0.isRunning || $0.wait() == 0 ? $0 : try workspace.start(Self.apply, database: database.url)
                    }
                }
                for process in processes { #expect(process.wait() == 0, "\(process.stderr)") }
                let dump = try PostgresQueue.dump(database)
                if dump != expected {
                    differences += Set(dump).symmetricDifference(expected).count
                    Issue.record("round \(rounds): the tables differ from the uninterrupted run's")
                }
            }
            print(
                "postgres kill torture: \(kills) SIGKILLs and \(terminations) terminated sessions over \(rounds)"
                    + " rounds of two processes with two workers each, \(differences) rows differ")
            #expect(differences == 0)
        }
    }
}
