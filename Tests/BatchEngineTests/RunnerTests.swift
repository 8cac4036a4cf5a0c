import BatchEngine
import BatchSQLite
import ChildProcesses
import Foundation
import GRDB
import Synchronization
import TestSupport
import Testing

/// A step that sleeps `pause` per range, for `ranges` ranges.
struct SleepyStep: Step {
    var id = "sleepy"
    var dependencies: [String] = []
    var phase = Phase.update
    var checksum = "1"
    var ranges = 10
    var pause: Duration = .milliseconds(10)

    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        let cursor = range.after
        guard case .integer(let done)? = cursor ?? .integer(0) else { return RangeResult(processed: 0, next: nil) }
        Thread.sleep(forTimeInterval: pause.seconds)
        let next = done + 1
        return RangeResult(processed: 1, next: next == Int64(ranges) ? nil : .integer(next), totalEstimate: ranges)
    }
}

@Suite struct RunnerTests {
    /// Runs `runner`, collecting its notices; `onNotice` is told how many came so far as each one comes.
    private func noticesOf(_ runner: Runner, onNotice: (Int) -> Void) throws -> (RunSummary, [String]) {
        var notices: [String] = []
        let summary = try runner.run { event in
            guard case .notice(_, let message) = event else { return }
            notices.append(message)
            onNotice(notices.count)
        }
        return (summary, notices)
    }

    private func progressCounts(_ events: [RunEvent]) -> [Int] {
        events.compactMap { if case .progress(let progress) = $0 { progress.processed } else { nil } }
    }

    @Test func aTickStopsAtItsBudgetOvershootingByAtMostOneRange() throws {
        let scratch = try Workspace()
        var options = RunnerOptions()
        options.budget = .milliseconds(35)
        let (summary, events) = try scratch.apply(options, extra: [SleepyStep(ranges: 40)])
        #expect(summary.status == .drained)
        let counts = progressCounts(events)
        let perTick = zip([0] + counts, counts).map { $1 - $0 }
        // Each range sleeps at least 10 ms: a fifth range would start at 40 ms, past the 35 ms budget.
        #expect(perTick.allSatisfy { (1...4).contains($0) }, "\(perTick)")
        #expect(counts.count >= 9)
    }

    @Test func failingStepKeepsItsCursorAndRetriesFromIt() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, CHECK (n <= 1));
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) INSERT INTO t (id) SELECT i FROM s;
            UPDATE t SET n = 1 WHERE id = 555;
            """)
        try scratch.write(
            "0001_bump.sql", "-- batch: table=t key=id\nUPDATE t SET n = n + 1\n WHERE id > :from AND id <= :to;")
        try scratch.write("0002_after.sql", "CREATE TABLE after_bump (x);")
        let (failed, events) = try scratch.apply(.small(range: 100))
        #expect(failed.status == .stepFailed)
        #expect(failed.message.contains("0001_bump"))
        let failure = events.compactMap { if case .stepFailed(let failure) = $0 { failure } else { nil } }.first
        #expect(failure?.message.contains("CHECK constraint failed") == true)
        #expect(failure?.location?.line == 2)
        #expect(failure?.cursor == .integer(500))
        let record = try #require(try scratch.record("0001_bump"))
        #expect(record.status == .failed)
        #expect(record.cursor == .integer(500))
        #expect(record.attempts == 1)
        #expect(record.error?.contains("CHECK constraint failed") == true)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1 AND id <= 500") == 500)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 0 AND id > 500") == 499)
        #expect(try scratch.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'after_bump'") == 0)

        try scratch.sql("UPDATE t SET n = 0 WHERE id = 555")
        let (retried, _) = try scratch.apply(.small(range: 100))
        #expect(retried.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 1000)
        #expect(try scratch.record("0001_bump")?.attempts == 2)
        #expect(try scratch.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'after_bump'") == 1)
    }

    @Test func busyDatabaseIsRetriedWithBackoff() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "CREATE TABLE t (x);")
        try scratch.sql("CREATE TABLE app (x)")
        // Another connection holds the write lock until the run has retried twice, however long that takes.
        let holder = OtherConnection(path: scratch.database)
        try holder.hold("BEGIN IMMEDIATE")
        defer { holder.release() }
        var options = RunnerOptions()
        options.busyBackoff = .milliseconds(20)
        options.busyRetries = 8
        let runner = Runner(
            backend: SQLiteBackend(path: scratch.database, busyTimeout: .milliseconds(10)),
            steps: try scratch.steps(), options: options)
        let (summary, notices) = try noticesOf(runner) { count in if count == 2 { holder.release() } }
        #expect(summary.status == .drained, "\(summary.message)")
        #expect(notices.count == 2, "\(notices)")
        #expect(notices.first?.hasPrefix("busy database, retrying in 20 ms (1 of 8): database is locked") == true)
        #expect(notices.last?.hasPrefix("busy database, retrying in 40 ms (2 of 8): database is locked") == true)
        #expect(try scratch.integer("SELECT count(*) FROM sqlite_schema WHERE name = 't'") == 1)
    }

    @Test func aRangeWhoseCommitFindsTheDatabaseBusyIsRetriedAndCommitsOnce() throws {
        let scratch = try Workspace()
        try scratch.sql("CREATE TABLE log (range INTEGER NOT NULL)")
        // A reader that starts while the first range runs holds a shared lock, so the range's COMMIT (which needs
        // the exclusive lock in a rollback journal) finds the database busy; the reader ends at the first retry.
        let reader = OtherConnection(path: scratch.database)
        defer { reader.release() }
        let step = LoggingStep(onFirstRange: { try reader.hold("BEGIN; SELECT count(*) FROM log") })
        var options = RunnerOptions()
        options.busyBackoff = .milliseconds(20)
        let runner = Runner(
            backend: SQLiteBackend(path: scratch.database, busyTimeout: .milliseconds(10)), steps: [step],
            options: options)
        let (summary, notices) = try noticesOf(runner) { _ in reader.release() }
        #expect(summary.status == .drained, "\(summary.message)")
        #expect(notices.first?.hasPrefix("busy database, retrying in 20 ms (1 of 6): database is locked") == true)
        #expect(step.calls.load(ordering: .relaxed) == 4, "the first range ran again after its commit failed")
        #expect(try scratch.rows("SELECT range FROM log ORDER BY range") == [["1"], ["2"], ["3"]])
        #expect(try scratch.record("logging")?.processed == 3)
    }

    @Test func databaseLockedTooLongStopsWithWorkLeftAndWritesNothing() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "CREATE TABLE t (x);")
        try scratch.sql("CREATE TABLE app (x)")
        let holder = try DatabaseQueue(path: scratch.database)
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            var options = RunnerOptions()
            options.busyBackoff = .milliseconds(5)
            options.busyRetries = 2
            let runner = Runner(
                backend: SQLiteBackend(path: scratch.database, busyTimeout: .milliseconds(10)),
                steps: try scratch.steps(), options: options)
            let error = expectBatchError { _ = try runner.run() }
            #expect(error?.status == .workLeft)
            #expect(error?.message.contains("locked") == true)
            #expect(error?.holder == nil, "a busy database is no runner holding the queue")
            try db.execute(sql: "COMMIT")
        }
        #expect(try scratch.integer("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'batchrun_%'") == 0)
    }

    @Test func changedDefinitionOfAStartedStepIsRefusedUnlessAccepted() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) INSERT INTO t (id) SELECT i FROM s;
            """)
        let update = "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;"
        try scratch.write("0001_bump.sql", update)
        try scratch.write("0002_pending.sql", "SELECT 1;")
        let stopped = try scratch.applyOneTick(.small(range: 100))
        #expect(stopped.status == .workLeft)
        #expect(try scratch.record("0001_bump")?.cursor == .integer(100))

        // A step not started yet may change freely.
        try scratch.write("0002_pending.sql", "SELECT 2;")
        try scratch.write("0001_bump.sql", update + "\n-- reviewed")
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let refused = expectBatchError { _ = try scratch.apply(.small(range: 100)) }
        #expect(refused?.status == .invalidInput)
        #expect(refused?.step == "0001_bump")
        #expect(refused?.message.contains("--accept-changed 0001_bump") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)

        var accepting = RunnerOptions.small(range: 100)
        accepting.acceptChanged = ["0001_bump"]
        let (accepted, _) = try scratch.apply(accepting)
        #expect(accepted.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 300)

        try scratch.write("0002_pending.sql", "SELECT 3;")
        let finishedChanged = expectBatchError { _ = try scratch.apply() }
        #expect(finishedChanged?.message.contains("has finished but its definition changed") == true)
    }

    @Test func deadHolderOnThisHostIsTakenOverAtOnce() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "CREATE TABLE t (x);")
        try scratch.write("0002_u.sql", "CREATE TABLE u (x);")
        var options = RunnerOptions()
        options.maxTime = .zero
        _ = try scratch.apply(options)
        let dead = try deadPID()
        try scratch.sql(
            """
            INSERT INTO batchrun_lease (name, host, pid, run_id, token, heartbeat_at, expires_at)
            VALUES ('runner', '\(ProcessIdentity.host)', \(dead), 1, 'old', 'then', \(Date.now.timeIntervalSince1970 + 3600))
            """)
        let (summary, events) = try scratch.apply()
        #expect(summary.status == .drained)
        let start = events.compactMap { if case .runStarted(let start) = $0 { start } else { nil } }.first
        #expect(start?.tookOverFrom == "\(ProcessIdentity.host) pid \(dead)")
    }

    @Test func liveHolderKeepsTheLeaseUntilItExpires() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "CREATE TABLE t (x);")
        var options = RunnerOptions()
        options.maxTime = .zero
        _ = try scratch.apply(options)
        let future = Date.now.timeIntervalSince1970 + 3600
        try scratch.sql(
            """
            INSERT INTO batchrun_lease (name, host, pid, run_id, token, heartbeat_at, expires_at)
            VALUES ('runner', 'elsewhere', 4242, 1, 'theirs', 'recently', \(future))
            """)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let held = expectBatchError { _ = try scratch.apply() }
        #expect(held?.status == .workLeft)
        #expect(held?.message.contains("another runner holds the lease: elsewhere pid 4242") == true)
        #expect(held?.holder == "elsewhere pid 4242")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)

        try scratch.sql("UPDATE batchrun_lease SET expires_at = \(Date.now.timeIntervalSince1970 - 1)")
        let (summary, events) = try scratch.apply()
        #expect(summary.status == .drained)
        #expect(events.contains { if case .runStarted(let start) = $0 { start.tookOverFrom != nil } else { false } })
    }

    @Test func aRunnerWhoseLeaseWasTakenCommitsNoFurtherRange() throws {
        let scratch = try Workspace()
        // The second range hands the lease to another runner, as one takes it over after it expired; that range
        // commits, and the next one finds the lease gone.
        let step = LeaseTakingStep(takesLeaseInRange: 2)
        let summary = try Runner(backend: scratch.backend(), steps: [step]).run()
        #expect(summary.status == .workLeft)
        #expect(summary.message.contains("lease was taken over"))
        #expect(try scratch.record("takeover")?.processed == 2)
        #expect(try scratch.integer("SELECT count(*) FROM batchrun_lease WHERE token = 'theirs'") == 1)
    }

    @Test func noOpRunOnADrainedQueueWritesNothing() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "CREATE TABLE t (x);")
        #expect(try scratch.apply().0.status == .drained)
        let url = URL(fileURLWithPath: scratch.database)
        let before = try Data(contentsOf: url)
        let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.01)
        let (summary, events) = try scratch.apply()
        #expect(summary.status == .drained)
        #expect(summary.message.contains("nothing to do"))
        #expect(events.count == 1)
        #expect(try Data(contentsOf: url) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == modified)
    }

    @Test func rehearsalCatchesBadSQLBeforeAnythingIsWritten() throws {
        let scratch = try Workspace()
        try scratch.sql("CREATE TABLE app (x)")
        try scratch.write("0001_ok.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, a);")
        let path = try scratch.write("0002_bad.sql", "-- a typo\nUPDATE t SET a = 1;\nUPDATE t SET missing = 2;\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let error = expectBatchError { _ = try scratch.apply() }
        #expect(error?.status == .invalidInput)
        #expect(error?.location == SourceLocation(file: path, line: 3))
        #expect(error?.message.contains("no such column: missing") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)
    }

    @Test func newerOrCorruptStateIsRefusedWithoutWriting() throws {
        let scratch = try Workspace()
        try scratch.write("0001_t.sql", "-- batch: range=1..10\nSELECT :from, :to;")
        var options = RunnerOptions.small(range: 3)
        options.maxTime = .zero
        _ = try scratch.apply(options)
        try scratch.sql("UPDATE batchrun_chunks SET cursor = '{not json'")
        var before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let corrupt = expectBatchError { _ = try scratch.apply() }
        #expect(corrupt?.status == .invalidInput)
        #expect(
            corrupt?.message.contains(
                "corrupt state: the cursor of chunk 1 of step '0001_t' '{not json' is not a cursor")
                == true, "\(String(describing: corrupt))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)

        try scratch.sql("UPDATE batchrun_meta SET value = '99' WHERE key = 'schema_version'")
        before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let newer = expectBatchError { _ = try scratch.apply() }
        #expect(newer?.status == .invalidInput)
        #expect(newer?.message.contains("version 99, newer than this batchrun knows") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)
    }

    @Test func aStateCorruptedMidRunStopsWithWorkLeftAndTheNextRunRefusesIt() throws {
        let scratch = try Workspace()
        try scratch.write("0001_a.sql", "CREATE TABLE a (x);")
        #expect(try scratch.apply().0.status == .drained)
        // The third range damages its own chunk's row; the fourth range's fence reads it.
        try scratch.write(
            "0002_damage.sql",
            """
            -- batch: range=1..10
            UPDATE batchrun_chunks SET estimate = -1 WHERE step_id = '0002_damage' AND :from = 2 AND :to > :from;
            """)
        let (summary, _) = try scratch.apply(.small(range: 1))
        // The run wrote three ranges: it cannot claim that nothing was written (65).
        #expect(summary.status == .workLeft)
        #expect(
            summary.message
                == "stopped with work left: corrupt state: the estimate of chunk 2 of step '0002_damage' is negative;"
                + " what this run committed is kept")
        #expect(try scratch.integer("SELECT processed FROM batchrun_chunks WHERE step_id = '0002_damage'") == 3)

        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
        let refused = expectBatchError { _ = try scratch.apply() }
        #expect(refused?.status == .invalidInput)
        #expect(refused?.message == "corrupt state: the estimate of chunk 2 of step '0002_damage' is negative")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.database)) == before)
    }

    @Test func pauseAndStopRequestsAreHonouredBetweenRanges() throws {
        let scratch = try Workspace()
        let backend = scratch.backend()
        let step = SleepyStep(ranges: 1_000, pause: .milliseconds(2))
        let events = Events()
        let thread = Thread { _ = try? Runner(backend: backend, steps: [step]).run { events.append($0) } }
        thread.start()
        try waitUntil { events.contains { if case .runStarted = $0 { true } else { false } } }
        try waitUntil { try !ControlRequest.pause.send(to: backend).isEmpty }
        try waitUntil { events.contains { if case .controlChanged(let c) = $0 { c.paused } else { false } } }
        let pausedAt = try #require(try scratch.record("sleepy")?.processed)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try scratch.record("sleepy")?.processed == pausedAt)
        try ControlRequest.resume.send(to: backend)
        try waitUntil { try scratch.record("sleepy")!.processed > pausedAt }
        try ControlRequest.stop.send(to: backend)
        try waitUntil { events.contains { if case .runFinished = $0 { true } else { false } } }
        let finished = events.all.compactMap { if case .runFinished(let s) = $0 { s } else { nil } }.first
        #expect(finished?.status == .workLeft)
        #expect(try scratch.record("sleepy")!.processed < 1_000)
    }
}

/// A step of four ranges whose range `takesLeaseInRange` hands the queue's lease to another runner.
struct LeaseTakingStep: Step {
    let id = "takeover"
    let dependencies: [String] = []
    let phase = Phase.update
    let checksum = "1"
    let takesLeaseInRange: Int64

    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        guard case .integer(let done) = range.after ?? .integer(0) else { return RangeResult(processed: 0, next: nil) }
        if done + 1 == takesLeaseInRange { try database.execute("UPDATE batchrun_lease SET token = 'theirs'", []) }
        return RangeResult(processed: 1, next: done + 1 == 4 ? nil : .integer(done + 1))
    }
}

/// A step of three ranges, each logging its number to `log`; its first call also runs `onFirstRange`.
final class LoggingStep: Step, Sendable {
    let id = "logging"
    let dependencies: [String] = []
    let phase = Phase.update
    let checksum = "1"
    /// How often `run(_:limit:in:)` was called, retries included.
    let calls = Atomic<Int>(0)
    private let onFirstRange: @Sendable () throws -> Void

    init(onFirstRange: @escaping @Sendable () throws -> Void) {
        self.onFirstRange = onFirstRange
    }

    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        if calls.add(1, ordering: .relaxed).newValue == 1 { try onFirstRange() }
        guard case .integer(let done) = range.after ?? .integer(0) else { return RangeResult(processed: 0, next: nil) }
        try database.execute("INSERT INTO log (range) VALUES (?)", [.integer(done + 1)])
        return RangeResult(processed: 1, next: done + 1 == 3 ? nil : .integer(done + 1))
    }
}

/// Events collected from a runner on another thread.
final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [RunEvent] = []

    func append(_ event: RunEvent) { lock.withLock { events.append(event) } }
    var all: [RunEvent] { lock.withLock { events } }
    func contains(where predicate: (RunEvent) -> Bool) -> Bool { all.contains(where: predicate) }
}

/// Polls `condition` every 10 ms for up to `seconds`.
func waitUntil(seconds: Double = 10, _ condition: () throws -> Bool) throws {
    let deadline = Date.now.addingTimeInterval(seconds)
    while try !condition() {
        if Date.now > deadline { throw TimeoutError() }
        Thread.sleep(forTimeInterval: 0.01)
    }
}

/// A wait that ran out.
struct TimeoutError: Error {}

/// The pid of a process that has exited and been reaped.
func deadPID() throws -> Int32 {
    let process = try ChildProcess("/bin/true", [], ChildProcess.Options(output: "/dev/null"))
    process.wait()
    return process.pid
}
