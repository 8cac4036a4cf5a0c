/// A database a queue can live in: it opens connections, one for each worker, observer or command.
///
/// A backend is a module of its own (`BatchSQLite`, `BatchPostgres`); the core reaches it only through this protocol,
/// `BatchDatabase` and `SQLExecutor`.
public protocol BatchBackend: Sendable {
    /// The database as messages name it: a path, or a URL without its password.
    var location: String { get }

    /// Whether several connections may write at once. SQLite takes one writer at a time, so a run there has one
    /// worker; PostgreSQL locks rows, so many workers in many processes share the queue.
    var allowsConcurrentWriters: Bool { get }

    /// Opens a connection for `role`.
    /// - Throws: `BatchError`: `.usage` for a bad path or URL, a refused login or a standby asked to write;
    ///   `.invalidInput` for a file that is not a database; `.workLeft` for a server that cannot be reached.
    func connect(_ role: ConnectionRole) throws -> any BatchDatabase
}

/// What a connection is for; the backend decides what each may create or refuse.
public enum ConnectionRole: Sendable, Equatable {
    /// A worker of a run, by name (`w1`): it may create the database and the state tables.
    case worker(String)
    /// A run's own connection: it begins and finishes the run, keeps heartbeats and reads throttle signals.
    case coordinator
    /// A control command (`pause`, `stop`, ...): it writes a request into existing state, never creates a database.
    case control
    /// `status`, `plan`, `validate` or an attached dashboard: reads only, creates nothing, works on a standby.
    case observer
}
