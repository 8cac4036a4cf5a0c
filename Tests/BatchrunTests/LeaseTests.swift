import BatchEngine
import Foundation
import GRDB
import TestSupport
import Testing

extension Integration {
    /// The SQLite runner's lease under real processes and signals: kept alive through long sleeps, taken over once
    /// it expires though its holder lives, and then fencing that holder off.
    @Suite struct Leases {
        @Test func aThrottleSleepLongerThanTheLeaseKeepsItAlive() throws {
            let workspace = try Workspace()
            try workspace.sql("CREATE TABLE ticks (k INTEGER NOT NULL, burned INTEGER NOT NULL)")
            // Each range burns about 0.1-0.2 s, so --throttle 100 sleeps 10 s or more after the first one.
            try workspace.write(
                "0001_burn.sql",
                """
                -- batch: range=1..100
                INSERT INTO ticks (k, burned)
                SELECT :to, (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300000)
                             SELECT count(*) FROM s)
                 WHERE :from < :to;
                """)
            let holder = try workspace.start(["apply", "--range-size", "1", "--throttle", "100", "--lease-ttl", "1s"])
            try workspace.waitUntil {
                try workspace.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'batchrun_lease'") == 1
                    && workspace.integer("SELECT count(*) FROM ticks") == 1
            }
            for _ in 0..<2 {
                // Past the lease's life since the range committed: only a renewal during the sleep keeps it.
                Thread.sleep(forTimeInterval: 1.5)
                let other = try workspace.batchrun(["apply", "--lease-ttl", "1s"])
                #expect(other.wait() == 75, "\(other.stdout)")
                #expect(
                    other.stderr.contains("another runner holds the lease: \(ProcessIdentity.host) pid \(holder.pid)"),
                    "\(other.stderr)")
            }
            #expect(try workspace.integer("SELECT count(*) FROM ticks") == 1, "the holder slept throughout")
            holder.signal(SIGTERM)
            #expect(holder.wait() == 75)
            #expect(holder.stdout.contains("stopped by SIGTERM"))
        }

        @Test func aLeaseThatExpiresUnderALiveHolderIsTakenOverAndFencesIt() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 4_000)
            let slow = ["apply", "--range-size", "20", "--throttle", "20"]
            let holder = try workspace.start(slow + ["--lease-ttl", "1s"])
            try workspace.waitUntil { try workspace.processed("0001_bump") > 0 }
            try stopBetweenTransactions(holder, of: workspace)
            defer { holder.signal(SIGCONT) }
            // Stopped, the holder renews nothing: its lease expires though its process lives.
            Thread.sleep(forTimeInterval: 1.5)
            let stoppedAt = try workspace.processed("0001_bump")

            let next = try workspace.batchrun(slow + ["--max-time", "1s"])
            #expect(next.wait() == 75, "\(next.stderr)")
            #expect(
                next.stdout.contains(
                    "took over the lease of \(ProcessIdentity.host) pid \(holder.pid), whose lease expired"),
                "\(next.stdout)")
            let takenTo = try workspace.processed("0001_bump")
            #expect(takenTo > stoppedAt && takenTo < 4_000)

            holder.signal(SIGCONT)
            #expect(holder.wait() == 75)
            #expect(holder.stderr.contains("this run's lease was taken over by another runner"), "\(holder.stderr)")
            #expect(try workspace.processed("0001_bump") == takenTo, "the fenced holder committed nothing more")

            #expect(try workspace.batchrun(["apply"]).wait() == 0)
            #expect(try workspace.integer("SELECT count(*) FROM t WHERE n = 1") == 4_000)
            #expect(try workspace.integer("SELECT count(*) FROM touched") == 4_000)
        }

        /// Stops `process` with SIGSTOP at an instant it holds no lock on the database: a stop inside a range
        /// transaction would lock every other runner out.
        private func stopBetweenTransactions(_ process: Spawned, of workspace: Workspace) throws {
            var configuration = Configuration()
            configuration.busyMode = .immediateError
            let probe = try DatabaseQueue(path: workspace.database, configuration: configuration)
            for _ in 0..<100 {
                process.signal(SIGSTOP)
                Thread.sleep(forTimeInterval: 0.05)
                do {
                    try probe.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE; ROLLBACK") }
                    return
                } catch {
                    process.signal(SIGCONT)
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            throw TestSupportError("the process held a lock at each of 100 stops")
        }
    }
}
