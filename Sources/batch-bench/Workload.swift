import Foundation

/// The statements the benchmark measures and the update files that run them.
enum Workload {
    /// The representative change: a counter (which makes a double-applied row visible) and a string expression.
    static let assignment = "n = n + 1, s = upper(s)"

    /// The whole-table statement run in one transaction: the physical limit.
    static let wholeTable = "UPDATE t SET \(assignment)"

    /// The id of the batched step written by `writeBatchedStep(in:)`.
    static let batchedStepID = "0001_bump"

    /// The id of the skewed step written by `writeSkewedStep(in:switchingAfter:)`.
    static let skewedStepID = "0001_skewed"

    /// Writes the representative statement as a batched update file into `folder`.
    /// - Throws: a file system error.
    static func writeBatchedStep(in folder: String) throws {
        try write(
            """
            -- batch: table=t key=id
            UPDATE t SET \(assignment) WHERE id > :from AND id <= :to;

            """, to: folder, as: batchedStepID)
    }

    /// Writes a batched step whose rows above `middleKey` cost several times more than those below it.
    ///
    /// Both halves run the same string pipeline (pad, then three `replace` passes, then `length`); the second half
    /// pads to a much longer string. Both add exactly 1 to `n`, so the exactly-once check still applies.
    /// - Throws: a file system error.
    static func writeSkewedStep(in folder: String, switchingAfter middleKey: Int64) throws {
        try write(
            """
            -- batch: table=t key=id
            UPDATE t
               SET n = n + (length(replace(replace(replace(
                       printf(CASE WHEN id > \(middleKey) THEN '%-1600s' ELSE '%-200s' END, s),
                       ' ', 'ab'), 'a', 'cd'), 'c', 'ef')) > 0)
             WHERE id > :from AND id <= :to;

            """, to: folder, as: skewedStepID)
    }

    /// Writes `count` one-line steps, each a tiny one-shot statement, into `folder`.
    /// - Throws: a file system error.
    static func writeTinySteps(_ count: Int, in folder: String) throws {
        for number in 1...count {
            try write("UPDATE counter SET hits = hits + 1;\n", to: folder, as: String(format: "%04d_tick", number))
        }
    }

    /// Writes `text` as `<id>.sql` in `folder`, without syncing it (Foundation's `Data.write` syncs every file,
    /// which costs seconds for a thousand files on a busy disk).
    private static func write(_ text: String, to folder: String, as id: String) throws {
        let path = (folder as NSString).appendingPathComponent(id + ".sql")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else {
            throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
