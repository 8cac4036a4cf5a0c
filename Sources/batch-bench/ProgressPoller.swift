import GRDB

/// Reads one step's committed count on SQLite (`ProgressQuery`), read-only, while another process runs it.
///
/// The connection opens lazily and every failure (the file or the state table not there yet, a lock) just skips
/// the sample: polling must never disturb the run it watches.
final class ProgressPoller: ProgressReading {
    /// The database the child process updates.
    private let path: String
    /// The step whose row is read.
    private let step: String
    /// The read-only connection, once it could be opened.
    private var queue: DatabaseQueue?

    /// Creates a poller of `step` in the database at `path`; nothing is opened yet.
    init(path: String, step: String) {
        self.path = path
        self.step = step
    }

    /// The step's committed count, or `nil` when it cannot be read right now.
    func processed() -> Int? {
        do {
            if queue == nil {
                var configuration = Configuration()
                configuration.readonly = true
                configuration.label = "batch-bench poller"
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            return try queue?.read { db in
                try Int.fetchOne(db, sql: ProgressQuery.sql(placeholder: "?"), arguments: [step])
            }
        } catch {
            return nil
        }
    }

    /// Closes the connection, so the writer's last close can fold its log back into the file.
    func close() {
        try? queue?.close()
        queue = nil
    }
}
