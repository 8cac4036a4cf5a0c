import BatchEngine
import Foundation
import PostgresClient
import TestSupport
import Testing

/// What only PostgreSQL does: statements outside a transaction, lock and statement timeouts that keep the
/// application's queries flowing, and a rehearsal that changes nothing.
@Suite struct PostgresBehaviourTests {
    private func run(
        _ target: TestTarget, _ options: RunnerOptions = RunnerOptions(), onEvent: (RunEvent) -> Void = { _ in }
    ) throws -> RunSummary {
        let steps = try UpdateLoader.load(directories: [target.workspace.updates.path])
        return try Runner(backend: target.backend(), steps: steps, options: options).run(onEvent: onEvent)
    }

    @Test func createIndexConcurrentlyRunsOutsideATransactionAndDropsTheInvalidIndexALastTryLeft() throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE TABLE t (id bigint PRIMARY KEY, code text NOT NULL);
            INSERT INTO t SELECT i, 'c' || (i % 999) FROM generate_series(1, 5000) i;
            """)
        // An interrupted earlier try: a unique build that failed half-way leaves an INVALID index behind.
        #expect(throws: PostgresError.self) {
            try target.sql("CREATE UNIQUE INDEX CONCURRENTLY t_code ON t (code)")
        }
        #expect(
            try target.integer("SELECT count(*) FROM pg_index WHERE indexrelid = 't_code'::regclass AND NOT indisvalid")
                == 1)
        try target.sql("UPDATE t SET code = 'c' || id")
        try target.workspace.write(
            "0001_index.sql", "-- transaction: none\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_code ON t (code);"
        )
        #expect(try run(target).status == .drained)
        #expect(
            try target.integer("SELECT count(*) FROM pg_index WHERE indexrelid = 't_code'::regclass AND indisvalid")
                == 1)
    }

    @Test func aSchemaChangeWaitingBehindTheApplicationNeverMakesItsQueriesQueue() throws {
        let target = try TestTarget(.postgres)
        try target.sql("CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100)")
        try target.workspace.write("0001_column.sql", "ALTER TABLE t ADD COLUMN note text;")
        let application = try PostgresConnection(target.db)
        try application.execute("BEGIN")
        try application.execute("SELECT count(*) FROM t")  // holds ACCESS SHARE until it ends, as a long report would
        let notices = Events()
        let done = DispatchSemaphore(value: 0)
        let summary = Result<RunSummary, any Error>.Box()
        let thread = Thread {
            summary.value = Result { try run(target) { event in notices.append(event) } }
            done.signal()
        }
        thread.start()
        // While the ALTER retries, other sessions' queries on the table keep being answered: each waits at most one
        // lock timeout (250 ms) behind it, never for the application's whole transaction.
        let reader = try PostgresConnection(target.db)
        let clock = ContinuousClock()
        var worst = Duration.zero
        let end = clock.now + .seconds(3)
        while clock.now < end {
            let start = clock.now
            try reader.execute("SELECT count(*) FROM t")
            worst = max(worst, clock.now - start)
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(worst < .seconds(1.5), "a query waited \(worst) behind the waiting ALTER")
        #expect(
            notices.all.contains { if case .notice(_, let m) = $0 { m.contains("waiting for a lock") } else { false } })
        try application.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(try summary.value?.get().status == .drained)
        #expect(
            try target.integer(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'note'") == 1)
    }

    @Test func aRangeCutOffByItsStatementTimeoutIsRetriedSmaller() throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);
            INSERT INTO t (id) SELECT generate_series(1, 600);
            """)
        // Rows above 300 cost 2 ms each: a range of a few hundred of them runs past a 200 ms statement timeout.
        try target.workspace.write(
            "0001_slow.sql",
            """
            -- batch: table=t key=id
            UPDATE t SET n = n + 1 + CASE WHEN id > 300 THEN 0 * length(pg_sleep(0.002)::text) ELSE 0 END
             WHERE id > :from AND id <= :to;
            """)
        var options = RunnerOptions()
        options.workers = 1
        options.rangeStatementTimeout = .milliseconds(200)
        options.initialRangeSize = 200
        var notices: [String] = []
        let summary = try run(target, options) { event in
            if case .notice(_, let message) = event { notices.append(message) }
        }
        #expect(summary.status == .drained, "\(summary.message)")
        #expect(notices.contains { $0.contains("ran past the statement timeout") }, "\(notices)")
        #expect(try target.integer("SELECT count(*) FROM t WHERE n = 1") == 600)
    }

    @Test func theRehearsalChecksLaterStepsAgainstEarlierDDLAndLeavesNothingBehind() throws {
        let target = try TestTarget(.postgres)
        try target.sql(
            """
            CREATE TABLE items (id bigint PRIMARY KEY, title text NOT NULL);
            CREATE UNIQUE INDEX items_title ON items (title);
            CREATE SEQUENCE counter;
            INSERT INTO items SELECT i, 'Item ' || i FROM generate_series(1, 100) i;
            """)
        try target.workspace.write("0001_slug.sql", "ALTER TABLE items ADD COLUMN slug text;")
        try target.workspace.write(
            "0002_fill.sql",
            "-- batch: table=items key=id\nUPDATE items SET slug = lower(title) || nextval('counter') WHERE id > :from AND id <= :to;"
        )
        try target.workspace.write(
            "0003_index.sql", "DROP INDEX items_title;\nCREATE INDEX items_slug ON items (slug);")
        let typo = try target.workspace.write("0004_typo.sql", "-- a typo\nUPDATE items SET sulg = 'x';\n")
        let before = try target.dump()
        let state = try target.dump(state: true)
        let refused = expectBatchError { _ = try run(target) }
        #expect(refused?.status == .invalidInput)
        #expect(refused?.location == SourceLocation(file: typo, line: 2), "\(String(describing: refused))")
        #expect(refused?.message.contains("sulg") == true)
        #expect(try target.dump() == before, "no application row changed")
        #expect(try target.dump(state: true) == state)
        #expect(
            try target.integer(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'slug'")
                == 0)
        #expect(try target.integer("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_title'") == 1)
        #expect(try target.integer("SELECT last_value FROM counter") == 1, "the rehearsal only planned the nextval")
        #expect(try target.integer("SELECT count(*) FROM pg_class WHERE relpersistence = 't'") == 0, "no copy is left")
    }
}

extension Result where Failure == any Error {
    /// A result a thread sets and another reads after waiting for it.
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result?
        var value: Result? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
