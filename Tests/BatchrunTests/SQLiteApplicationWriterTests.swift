import Foundation
import GRDB
import Synchronization
import TestSupport
import Testing

extension Integration {
    /// Invariant 2 on SQLite: between a run's ranges the application's writers get in, even with SQLite's default
    /// busy handler, which sleeps between its tries instead of queueing for the lock.
    @Suite struct SQLiteApplicationWriter {
        /// The application's wait that fails the test: about 110 ms is typical with the courtesy, 0.7 to 0.8 s
        /// without it (`--writer-gap 0ms`), on this machine in a debug build.
        static let longestAcceptableWait: Duration = .milliseconds(500)

        @Test func aWriterUsingTheDefaultBusyHandlerGetsInBetweenRanges() throws {
            let workspace = try Workspace()
            try workspace.sql(
                """
                PRAGMA journal_mode = WAL;
                CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT NOT NULL);
                WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 1500000)
                INSERT INTO t SELECT i, 0, printf('row %09d', i) FROM g;
                CREATE TABLE app (id INTEGER PRIMARY KEY, hits INTEGER NOT NULL);
                INSERT INTO app VALUES (1, 0);
                """)
            try workspace.write(
                "0001_bump.sql",
                "-- batch: table=t key=id\nUPDATE t SET n = n + 1, s = upper(s) WHERE id > :from AND id <= :to;")

            // The application: one write every 5 ms, autocommit, with a busy timeout (sqlite3_busy_timeout: the
            // default handler) long enough that it never gives up, so every wait is measured.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let application = try DatabaseQueue(path: workspace.database, configuration: configuration)
            let waits = Mutex<[Duration]>([])
            let running = Atomic(true)
            let writer = Thread {
                while running.load(ordering: .relaxed) {
                    let started = ContinuousClock.now
                    do {
                        try application.writeWithoutTransaction {
                            try $0.execute(sql: "UPDATE app SET hits = hits + 1 WHERE id = 1")
                        }
                    } catch {
                        Issue.record(error)
                        return
                    }
                    let waited = ContinuousClock.now - started
                    waits.withLock { $0.append(waited) }
                    usleep(5_000)
                }
            }
            writer.start()
            let run = try workspace.batchrun(["apply", "--json"])
            let status = run.wait()
            running.store(false, ordering: .relaxed)
            while !writer.isFinished { usleep(1_000) }

            #expect(status == 0, "\(run.stderr)")
            let finished = try #require(run.stdout.split(separator: "\n").last { $0.contains("\"run_finished\"") })
            let summary = try JSONSerialization.jsonObject(with: Data(finished.utf8)) as? [String: Any]
            #expect(try #require(summary?["ranges"] as? Int) >= 5, "the run left gaps between several ranges")
            let seen = waits.withLock { $0 }
            #expect(seen.count >= 10, "the application wrote during the run")
            let worst = try #require(seen.max())
            #expect(worst < Self.longestAcceptableWait, "an application write waited \(worst) for the write lock")
            #expect(try workspace.integer("SELECT hits FROM app") == seen.count)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 1_500_000)
        }
    }
}
