import BatchEngine
import Foundation
import TestSupport
import Testing

/// The engine's behaviour both backends share, run on each: a SQLite file with its one worker, and a PostgreSQL
/// database with several workers sharing the queue.
@Suite struct SharedBehaviourTests {
    /// Two workers on PostgreSQL, SQLite's one.
    private func options(_ kind: BackendKind, range: Int = 100) -> RunnerOptions {
        var options = RunnerOptions.small(range: range)
        options.workers = kind == .postgres ? 2 : nil
        return options
    }

    private func run(_ target: TestTarget, _ options: RunnerOptions) throws -> (RunSummary, [RunEvent]) {
        var events: [RunEvent] = []
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path])
        let summary = try Runner(backend: target.backend(), steps: steps, options: options).run { events.append($0) }
        return (summary, events)
    }

    private func record(_ step: String, in target: TestTarget) throws -> StepRecord? {
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path])
        return try QueueStatus.read(from: target.backend(), steps: steps).state.steps[step]
    }

    private func makeTable(_ target: TestTarget, rows: Int) throws {
        try target.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, CHECK (n <= 1));
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < \(rows))
            INSERT INTO t (id) SELECT i * 3 - \(rows) FROM s;
            """)
    }

    @Test(arguments: BackendKind.allCases)
    func aKeyWalkProcessesEveryRowOnceAndANoOpRunWritesNothing(_ kind: BackendKind) throws {
        let target = try TestTarget(kind)
        try makeTable(target, rows: 5_000)
        try target.workspace.write(
            "0001_bump.sql", "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;")
        let (summary, _) = try run(target, options(kind))
        #expect(summary.status == .drained, "\(summary.message)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 5_000)
        #expect(try record("0001_bump", in: target)?.processed == 5_000)

        let state = try target.dump(state: true)
        let data = try target.dump()
        let (again, events) = try run(target, options(kind))
        #expect(again.message.contains("nothing to do"))
        #expect(events.count == 1)
        #expect(try target.dump(state: true) == state, "a no-op run leaves every batchrun_ table as it was")
        #expect(try target.dump() == data)
    }

    @Test(arguments: BackendKind.allCases)
    func aFailingStepKeepsItsCursorAndItsDependentsWaitUntilTheRetry(_ kind: BackendKind) throws {
        let target = try TestTarget(kind)
        try makeTable(target, rows: 1_000)
        try target.sql("UPDATE t SET n = 1 WHERE id = 665")
        try target.workspace.write(
            "0001_bump.sql", "-- batch: table=t key=id\nUPDATE t SET n = n + 1\n WHERE id > :from AND id <= :to;")
        try target.workspace.write("0002_after.sql", "CREATE TABLE after_bump (x INTEGER);")
        var single = options(kind)
        single.workers = 1
        let (failed, events) = try run(target, single)
        #expect(failed.status == .stepFailed)
        #expect(failed.message.contains("0001_bump"))
        let failure = try #require(events.compactMap { if case .stepFailed(let f) = $0 { f } else { nil } }.first)
        #expect(failure.location?.line == 2)
        // Ids run -997, -994, ... 2000; row 665 is the 555th, in the sixth range of 100.
        #expect(failure.cursor == .integer(500), "the five ranges before the bad row's stay committed")
        let stored = try #require(try record("0001_bump", in: target))
        #expect(stored.status == .failed)
        #expect(stored.cursor == .integer(500))
        #expect(stored.error?.lowercased().contains("check") == true, "\(stored.error ?? "")")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1 AND id <= 500") == 500)
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 501, "and nothing after them")
        #expect(try target.tableExists("after_bump") == false, "a step after the failed one never starts")

        try target.sql("UPDATE t SET n = 0 WHERE id = 665")
        let (retried, _) = try run(target, options(kind))
        #expect(retried.status == .drained, "\(retried.message)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 1_000)
        #expect(try record("0001_bump", in: target)?.attempts == 2)
        #expect(try target.tableExists("after_bump"))
    }

    @Test(arguments: BackendKind.allCases)
    func aChangedDefinitionOfAStartedStepIsRefusedUntilAccepted(_ kind: BackendKind) throws {
        let target = try TestTarget(kind)
        try makeTable(target, rows: 300)
        let update = "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;"
        try target.workspace.write("0001_bump.sql", update)
        var stopping = options(kind)
        stopping.maxTime = .zero
        _ = try run(target, stopping)
        let stop = StopSignal()
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path]).map {
            StoppingStep(inner: $0, stop: stop)
        }
        var one = options(kind)
        one.workers = 1
        _ = try Runner(backend: target.backend(), steps: steps, options: one, stop: stop).run()
        #expect(try record("0001_bump", in: target)?.processed == 100)

        try target.workspace.write("0001_bump.sql", update + "\n-- reviewed")
        let state = try target.dump(state: true)
        let refused = expectBatchError { _ = try run(target, options(kind)) }
        #expect(refused?.status == .invalidInput)
        #expect(refused?.message.contains("--accept-changed 0001_bump") == true)
        #expect(try target.dump(state: true) == state, "a refused run writes nothing")

        var accepting = options(kind)
        accepting.acceptChanged = ["0001_bump"]
        #expect(try run(target, accepting).0.status == .drained)
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 300)
    }

    @Test(arguments: BackendKind.allCases)
    func aStepStartsOnlyAfterItsDependencyAndIndependentStepsRunTogether(_ kind: BackendKind) throws {
        let target = try TestTarget(kind)
        let identity = kind == .postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY"
        try target.sql(
            """
            CREATE TABLE log (seq \(identity), step TEXT NOT NULL);
            CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000) INSERT INTO a SELECT i FROM s;
            INSERT INTO b SELECT id FROM a;
            """)
        let other = target.workspace.root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try target.workspace.write(
            "0001_first.sql",
            "-- batch: table=a key=id\nINSERT INTO log (step) SELECT 'first' FROM a WHERE id > :from AND id <= :to;")
        try target.workspace.write(
            "0002_second.sql", "-- batch: range=1..300\nINSERT INTO log (step) SELECT 'second' WHERE :to > :from;")
        try
            "-- batch: table=b key=id\nINSERT INTO log (step) SELECT 'independent' FROM b WHERE id > :from AND id <= :to;"
            .write(to: other.appendingPathComponent("0001_independent.sql"), atomically: true, encoding: .utf8)
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path, other.path])
        var paced = options(kind, range: 50)
        paced.throttle = kind == .postgres ? 1 : 0
        let summary = try Runner(backend: target.backend(), steps: steps, options: paced).run()
        #expect(summary.status == .drained, "\(summary.message)")
        let bounds = { (step: String) throws -> (Int, Int) in
            let row = try #require(try target.rows("SELECT min(seq), max(seq) FROM log WHERE step = '\(step)'").first)
            return (Int(row[0]) ?? 0, Int(row[1]) ?? 0)
        }
        let first = try bounds("first")
        let second = try bounds("second")
        #expect(first.1 < second.0, "the dependent step's first write comes after its dependency's last")
        if kind == .postgres {
            let independent = try bounds("independent")
            #expect(independent.0 < first.1 && first.0 < independent.1, "an independent step ran beside the first")
        }
    }
}
