import ArgumentParser
import BatchEngine
import BatchPostgres
import BatchSQLite
import Foundation

/// The options every command shares to name the database: a SQLite file, or a PostgreSQL URL.
public struct DatabaseOptions: ParsableArguments {
    /// The database.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: a SQLite file, or a postgres:// or postgresql:// URL (default: $DATABASE_URL).",
            valueName: "path-or-url"))
    public var db: String?

    /// SQLite's busy timeout.
    @Option(name: .long, help: "SQLite: how long one statement waits for another connection's lock, e.g. 1s.")
    public var busyTimeout: Duration = .seconds(1)

    /// Creates the options with their defaults.
    public init() {}

    /// The database named by `--db`, else by `$DATABASE_URL`.
    /// - Throws: `BatchError` (`.usage`) when neither names one.
    public func target() throws -> String {
        if let db { return db }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
        throw BatchError(.usage, "no database: give --db PATH or --db postgres://..., or set DATABASE_URL")
    }

    /// The database as messages name it: the path, or the URL without its password.
    public func location() throws -> String {
        let target = try target()
        return PostgresBackend.names(target) ? PostgresBackend(connectionString: target).location : target
    }

    /// Whether the database is a PostgreSQL server.
    public func isPostgres() throws -> Bool {
        PostgresBackend.names(try target())
    }

    /// The backend for the database.
    /// - Parameters:
    ///   - claimTimeToLive: the run's claim lifetime (PostgreSQL frees an idle-in-transaction session's locks
    ///     after it).
    ///   - watchesCommits: whether a replica lag signal watches the run's commits (PostgreSQL).
    ///   - courtesy: how a SQLite run leaves room for the application's writers.
    public func backend(
        claimTimeToLive: Duration = .seconds(60), watchesCommits: Bool = false,
        courtesy: WriterCourtesy = WriterCourtesy()
    ) throws -> any BatchBackend {
        let target = try target()
        if PostgresBackend.names(target) {
            return PostgresBackend(
                connectionString: target, claimTimeToLive: claimTimeToLive, watchesCommits: watchesCommits)
        }
        return SQLiteBackend(path: target, busyTimeout: busyTimeout, courtesy: courtesy)
    }
}
