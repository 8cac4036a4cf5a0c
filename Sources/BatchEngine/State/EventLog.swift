/// Appends to `batchrun_events`, the log a watcher tails, inside the caller's transaction.
enum EventLog {
    /// How many events the log keeps.
    static let kept = 1000

    /// How many of the latest events a snapshot holds.
    static let recentRead = 20

    /// Appends an event, keeping the most recent `kept` entries.
    static func append(
        _ kind: String, _ message: String, step: String? = nil, worker: String? = nil, run: Int64?,
        in database: any SQLExecutor
    ) throws {
        try database.execute(
            "INSERT INTO batchrun_events (at, run_id, worker, step_id, kind, message)"
                + " VALUES (\(database.dialect.clockText), ?, ?, ?, ?, ?)",
            [run.map { .integer($0) } ?? .null, SQLValue(worker), SQLValue(step), .text(kind), .text(message)])
        try database.execute(
            "DELETE FROM batchrun_events WHERE id <= (SELECT max(id) FROM batchrun_events) - ?",
            [.integer(Int64(kept))])
    }

    /// The latest events, oldest first.
    static func recent(in database: any SQLExecutor) throws -> [EventRecord] {
        var events: [EventRecord] = []
        try database.forEachRow(
            """
            SELECT id, at, step_id, kind, message, worker FROM
              (SELECT * FROM batchrun_events ORDER BY id DESC LIMIT ?) recent ORDER BY id
            """, [.integer(Int64(recentRead))]
        ) { row in
            events.append(
                EventRecord(
                    id: row[0].integer ?? 0, at: row[1].text ?? "", step: row[2].text, kind: row[3].text ?? "",
                    message: row[4].text ?? "", worker: row[5].text))
        }
        return events
    }
}
