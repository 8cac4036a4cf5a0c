import BatchEngine
import Foundation
import TestSupport
import Testing

/// A step written in Swift against the public API alone: it walks a composite key (bucket, seq) and copies rows.
struct CopyByCompositeKey: Step {
    let id = "copy_events"
    let dependencies: [String] = []
    let phase = Phase.update
    let checksum = "v1"

    func estimateTotal(in database: any SQLExecutor) throws -> Int? {
        try database.firstRow("SELECT count(*) FROM events", [])?.first?.integer.map(Int.init)
    }

    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult {
        let cursor = range.after
        var bucket: Int64 = .min
        var seq: Int64 = .min
        if case .composite(let parts)? = cursor, case .integer(let b) = parts[0], case .integer(let s) = parts[1] {
            (bucket, seq) = (b, s)
        }
        var last: (Int64, Int64)?
        var count = 0
        try database.forEachRow(
            "SELECT bucket, seq FROM events WHERE (bucket, seq) > (?, ?) ORDER BY bucket, seq LIMIT ?",
            [.integer(bucket), .integer(seq), .integer(Int64(limit))]
        ) { row in
            last = (row[0].integer!, row[1].integer!)
            count += 1
        }
        guard let last else { return RangeResult(processed: 0, next: nil) }
        try database.execute(
            """
            INSERT INTO copies (bucket, seq) SELECT bucket, seq FROM events
             WHERE (bucket, seq) > (?, ?) AND (bucket, seq) <= (?, ?)
            """, [.integer(bucket), .integer(seq), .integer(last.0), .integer(last.1)])
        let next = Cursor.composite([.integer(last.0), .integer(last.1)])
        return RangeResult(processed: count, next: count < limit ? nil : next)
    }
}

@Suite struct SwiftStepTests {
    @Test func swiftStepWithCompositeCursorRunsAfterFileSteps() throws {
        let scratch = try Workspace()
        try scratch.write(
            "0001_tables.sql",
            """
            CREATE TABLE events (bucket INTEGER, seq INTEGER, PRIMARY KEY (bucket, seq));
            CREATE TABLE copies (bucket INTEGER, seq INTEGER);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000)
            INSERT INTO events SELECT i % 7, i FROM s;
            """)
        let step = CopyByCompositeKey()
        var options = RunnerOptions.small(range: 50)
        options.budget = .milliseconds(1)
        let (summary, events) = try scratch.apply(options, extra: [step])
        #expect(summary.status == .drained)
        #expect(
            try scratch.rows("SELECT * FROM copies ORDER BY bucket, seq")
                == scratch.rows("SELECT * FROM events ORDER BY bucket, seq"))
        let record = try #require(try scratch.record("copy_events"))
        #expect(record.processed == 1000)
        #expect(record.total == 1000)
        let started = events.compactMap { event -> String? in
            if case .stepStarted(let progress) = event { progress.step } else { nil }
        }
        #expect(started == ["0001_tables", "copy_events"])
    }

    @Test func cursorsRoundTripThroughTheirStoredForm() throws {
        let cursors: [Cursor] = [
            .integer(-42), .integer(.max), .text("é \"quoted\" \n"), .real(2.5),
            .composite([.integer(1), .text("a"), .composite([.real(-0.5)])]),
        ]
        for cursor in cursors {
            #expect(try Cursor(serialized: cursor.serialized) == cursor)
        }
        #expect(Cursor.integer(7).serialized == "7")
        for garbage in ["", "{", "nul", "{\"x\":1}", "true"] {
            #expect(throws: CursorDecodingError.self) { try Cursor(serialized: garbage) }
        }
    }
}
