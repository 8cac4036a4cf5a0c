import BatchEngine
import Foundation
import TestSupport
import Testing

@Suite struct KeyWalkTests {
    @Test func gappedAndNegativeIntegerKeysAreEachProcessedOnce() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
            WITH RECURSIVE s(i) AS (SELECT -500 UNION ALL SELECT i + 1 FROM s WHERE i < 1500)
            INSERT INTO t (id) SELECT i * 7 FROM s WHERE i % 3 <> 0;
            INSERT INTO t (id) VALUES (-9223372036854775808), (9223372036854775807);
            """)
        try scratch.write(
            "0001_bump.sql", "-- batch: table=t key=id\nUPDATE t SET n = n + 1 WHERE id > :from AND id <= :to;")
        let rows = try #require(try scratch.integer("SELECT count(*) FROM t"))
        let (summary, _) = try scratch.apply(.small(range: 37))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == rows)
        let record = try #require(try scratch.record("0001_bump"))
        #expect(record.status == .done)
        #expect(record.processed == rows)
        #expect(record.total == rows)
        #expect(summary.ranges.count == (rows + 36) / 37 + (rows % 37 == 0 ? 1 : 0))
    }

    @Test func textKeysAreWalkedInOrder() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE words (word TEXT PRIMARY KEY, seen INTEGER NOT NULL DEFAULT 0, position INTEGER);
            CREATE TABLE sequence (n INTEGER PRIMARY KEY AUTOINCREMENT, word TEXT);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000)
            INSERT INTO words (word) SELECT printf('%x-é-%d', i * 2654435761 % 1000003, i) FROM s;
            INSERT INTO words (word) VALUES (' leading space'), ('0'), ('~');
            """)
        try scratch.write(
            "0001_walk.sql",
            """
            -- batch: table=words key=word
            UPDATE words SET seen = seen + 1 WHERE word > :from AND word <= :to;
            INSERT INTO sequence (word) SELECT word FROM words WHERE word > :from AND word <= :to ORDER BY word;
            """)
        let (summary, _) = try scratch.apply(.small(range: 64))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM words WHERE seen = 1") == 1003)
        #expect(
            try scratch.rows("SELECT word FROM sequence ORDER BY n")
                == scratch.rows("SELECT word FROM words ORDER BY word"))
        #expect(try scratch.record("0001_walk")?.processed == 1003)
    }

    @Test func integerRangeWalkCoversTheInterval() throws {
        let scratch = try Workspace()
        try scratch.sql("CREATE TABLE n (i INTEGER PRIMARY KEY)")
        try scratch.write(
            "0001_fill.sql",
            """
            -- batch: range=-10..990
            WITH RECURSIVE s(i) AS (SELECT :from + 1 UNION ALL SELECT i + 1 FROM s WHERE i < :to)
            INSERT INTO n SELECT i FROM s;
            """)
        let (summary, _) = try scratch.apply(.small(range: 100))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM n") == 1001)
        #expect(try scratch.integer("SELECT min(i) FROM n") == -10)
        #expect(try scratch.integer("SELECT max(i) FROM n") == 990)
        #expect(summary.ranges.count == 11)
    }

    @Test func realKeysUpToInfinityAreWalked() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE r (k REAL PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
            INSERT INTO r (k) VALUES (-1e300), (1.5), (2.5), (9e999), (-0.5), (1e-9);
            """)
        try scratch.write(
            "0001_walk.sql", "-- batch: table=r key=k\nUPDATE r SET n = n + 1 WHERE k > :from AND k <= :to;")
        let (summary, _) = try scratch.apply(.small(range: 3))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM r WHERE n = 1") == 6)
        #expect(try Cursor(serialized: Cursor.real(.infinity).serialized) == .real(.infinity))
        #expect(throws: CursorDecodingError.self) { try Cursor(serialized: "{\"real\":\"NaN\"}") }
    }

    @Test func blobKeysAreWalked() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE devices (uuid BLOB PRIMARY KEY, seen INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500)
            INSERT INTO devices (uuid) SELECT randomblob(16) FROM s;
            INSERT INTO devices (uuid) VALUES (x''), (x'00'), (x'ffffffffffffffffffffffffffffffff');
            """)
        try scratch.write(
            "0001_walk.sql",
            "-- batch: table=devices key=uuid\nUPDATE devices SET seen = seen + 1 WHERE uuid > :from AND uuid <= :to;")
        let (summary, _) = try scratch.apply(.small(range: 64))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM devices WHERE seen = 1") == 503)
        #expect(try Cursor(serialized: Cursor.blob([0, 0xAB]).serialized) == .blob([0, 0xAB]))
    }

    @Test func anIndexWithAnotherCollationIsNotAKeysetIndex() throws {
        let scratch = try Workspace()
        try scratch.sql("CREATE TABLE t (code TEXT, n INTEGER); CREATE INDEX t_code ON t (code COLLATE NOCASE);")
        let path = try scratch.write(
            "0001_walk.sql", "-- batch: table=t key=code\nUPDATE t SET n = 1 WHERE code > :from AND code <= :to;")
        let error = expectBatchError { _ = try scratch.apply() }
        #expect(error?.message.contains("lead only indexes whose collation is not the column's (BINARY)") == true)
        #expect(error?.location == SourceLocation(file: path, line: 1))
    }

    @Test func nullKeysWrittenDuringTheWalkStopItAtTheEnd() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (code TEXT, n INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX t_code ON t (code);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300)
            INSERT INTO t (code) SELECT printf('k%05d', i) FROM s;
            """)
        try scratch.write(
            "0001_walk.sql", "-- batch: table=t key=code\nUPDATE t SET n = n + 1 WHERE code > :from AND code <= :to;")
        #expect(try scratch.applyOneTick(.small(range: 100)).status == .workLeft)
        try scratch.sql("INSERT INTO t (code) VALUES (NULL)")
        let (summary, _) = try scratch.apply(.small(range: 100))
        #expect(summary.status == .stepFailed)
        #expect(try scratch.record("0001_walk")?.error?.contains("NULL keys") == true)
        #expect(try scratch.record("0001_walk")?.status == .failed)
    }

    @Test(arguments: [2, 3, 4])
    func duplicateKeysAcrossRangeBoundsAreEachProcessedAndCountedOnce(_ range: Int) throws {
        let scratch = try Workspace()
        // Runs of 1 to 5 rows per key, so that range boundaries fall inside runs of every length.
        try scratch.sql(
            """
            CREATE TABLE t (rowid_ INTEGER PRIMARY KEY, k INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX t_k ON t (k);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 60),
                 copies(key, c) AS (SELECT i, 1 + i % 5 FROM s UNION ALL SELECT key, c - 1 FROM copies WHERE c > 1)
            INSERT INTO t (k) SELECT key FROM copies;
            """)
        try scratch.write(
            "0001_walk.sql", "-- batch: table=t key=k\nUPDATE t SET n = n + 1 WHERE k > :from AND k <= :to;")
        let rows = try #require(try scratch.integer("SELECT count(*) FROM t"))
        let (summary, events) = try scratch.apply(.small(range: range))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == rows)
        #expect(try scratch.record("0001_walk")?.processed == rows)
        #expect(summary.processed == rows)
        let done = events.compactMap { if case .stepFinished(let progress) = $0 { progress.processed } else { nil } }
        #expect(done == [rows])
    }

    @Test func anIntervalAsWideAsInt64HasNoTotalAndDoesNotOverflow() throws {
        let scratch = try Workspace()
        try scratch.write("0001_wide.sql", "-- batch: range=0..9223372036854775807\nSELECT :from, :to;")
        #expect(try scratch.applyOneTick(.small(range: 1_000)).status == .workLeft)
        let record = try #require(try scratch.record("0001_wide"))
        #expect(record.total == nil)
        #expect(record.cursor == .integer(999))
    }

    @Test func nullKeysStopTheStepInsteadOfBeingSkipped() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (code TEXT, n INTEGER DEFAULT 0);
            CREATE INDEX t_code ON t (code);
            INSERT INTO t (code) VALUES ('a'), (NULL), ('b');
            """)
        try scratch.write(
            "0001_walk.sql", "-- batch: table=t key=code\nUPDATE t SET n = 1 WHERE code > :from AND code <= :to;")
        let (summary, _) = try scratch.apply()
        #expect(summary.status == .stepFailed)
        let record = try #require(try scratch.record("0001_walk"))
        #expect(record.status == .failed)
        #expect(record.error?.contains("NULL keys") == true)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 0)
    }

    @Test func walkNeedsAnIndexedExistingColumn() throws {
        let scratch = try Workspace()
        try scratch.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT, n INTEGER)")
        let update = "UPDATE t SET n = 1 WHERE code > :from AND code <= :to;"
        let cases = [
            ("-- batch: table=t key=code\n", "is not the first column of any index"),
            ("-- batch: table=t key=missing\n", "has no column 'missing'"),
            ("-- batch: table=nope key=id\n", "table 'nope' does not exist"),
        ]
        for (header, fragment) in cases {
            let path = try scratch.write("0001_walk.sql", header + update)
            let error = expectBatchError { _ = try scratch.apply() }
            #expect(error?.status == .invalidInput)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
            #expect(error?.location == SourceLocation(file: path, line: 1))
        }
    }

    @Test func aCompositeKeyIsWalkedAsRowValuesIncludingItsSmallestKey() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (a INTEGER NOT NULL, b TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (a, b));
            WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 999)
            INSERT INTO t (a, b) SELECT i % 10, CASE WHEN i < 10 THEN '' ELSE printf('k%04d', i) END FROM s;
            """)
        try scratch.write(
            "0001_walk.sql",
            "-- batch: table=t key=a,b\nUPDATE t SET n = n + 1\n WHERE (a, b) > (:from_a, :from_b) AND (a, b) <= (:to_a, :to_b);"
        )
        #expect(try scratch.applyOneTick(.small(range: 7)).status == .workLeft)
        #expect(try scratch.record("0001_walk")?.cursor == .composite([.integer(0), .text("k0060")]))
        let (summary, _) = try scratch.apply(.small(range: 7))
        #expect(summary.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 1000)
        #expect(try scratch.record("0001_walk")?.processed == 1000)
    }

    @Test func aSchemaQualifiedTableIsWalked() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 250) INSERT INTO t (id) SELECT i FROM s;
            """)
        try scratch.write(
            "0001_walk.sql",
            "-- batch: table=main.t key=id\nUPDATE main.t SET n = n + 1 WHERE id > :from AND id <= :to;")
        #expect(try scratch.apply(.small(range: 100)).0.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 250)
    }

    @Test func aStepMarkedTransactionNoneRunsOutsideATransaction() throws {
        let scratch = try Workspace()
        try scratch.write("0001_table.sql", "CREATE TABLE t (x);")
        try scratch.write("0002_vacuum.sql", "-- transaction: none\nVACUUM;")
        #expect(try scratch.apply().0.status == .drained)
        #expect(try scratch.record("0002_vacuum")?.status == .done)
    }

    @Test func theLeastKeyOfItsTypeIsWalkedWhenTheBodyTestsForNull() throws {
        let scratch = try Workspace()
        try scratch.sql(
            """
            CREATE TABLE t (code TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX t_code ON t (code);
            INSERT INTO t (code) VALUES (''), ('a'), ('b');
            """)
        try scratch.write(
            "0001_walk.sql", "-- batch: table=t key=code\nUPDATE t SET n = n + 1 WHERE code > :from AND code <= :to;")
        let (refused, _) = try scratch.apply()
        #expect(refused.status == .stepFailed)
        let error = try #require(try scratch.record("0001_walk")?.error)
        #expect(error.contains("no :from can start the walk below every key of 'code'"), "\(error)")
        #expect(error.contains("(code > :from OR :from IS NULL)"))
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n > 0") == 0)

        try scratch.write(
            "0001_walk.sql",
            "-- batch: table=t key=code\nUPDATE t SET n = n + 1 WHERE (code > :from OR :from IS NULL) AND code <= :to;")
        // The failed step committed no range, so its file may change without --accept-changed.
        #expect(try scratch.apply().0.status == .drained)
        #expect(try scratch.integer("SELECT count(*) FROM t WHERE n = 1") == 3)
    }
}
