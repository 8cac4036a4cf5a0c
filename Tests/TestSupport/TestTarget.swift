import BatchEngine
import BatchPostgres
import BatchSQLite
import Foundation
import PostgresClient

/// The backends the engine's shared behaviour is tested on.
public enum BackendKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite
    /// A database on the test cluster.
    case postgres

    /// The backend's name.
    public var description: String { rawValue }
}

/// A fresh database of either backend for one test, in a workspace of its own, with helpers that run SQL on it as
/// the application would.
public final class TestTarget: Sendable {
    /// The backend.
    public let kind: BackendKind
    /// The test's folder, with its `updates` folder.
    public let workspace: Workspace
    private let postgres: TestDatabase?

    /// A new SQLite file, or a new database on the shared test cluster.
    public init(_ kind: BackendKind) throws {
        self.kind = kind
        workspace = try Workspace()
        postgres = kind == .postgres ? try PostgresCluster.shared.makeDatabase() : nil
    }

    /// What `--db` names: the file's path, or the database's URL.
    public var db: String { postgres?.url ?? workspace.database }

    /// The database as the engine reaches it.
    public func backend(claimTimeToLive: Duration = .seconds(60)) -> any BatchBackend {
        guard let postgres else { return workspace.backend() }
        return PostgresBackend(connectionString: postgres.url, claimTimeToLive: claimTimeToLive)
    }

    /// Runs statements as the application would.
    public func sql(_ script: String) throws {
        if let postgres { try postgres.script(script) } else { try workspace.sql(script) }
    }

    /// Reads one integer.
    public func integer(_ query: String) throws -> Int? {
        guard let postgres else { return try workspace.integer(query) }
        return try postgres.scalar(query).flatMap { Int($0) }
    }

    /// Reads the rows of a query as text, NULL as "".
    public func rows(_ query: String) throws -> [[String]] {
        guard let postgres else { return try workspace.rows(query) }
        return try postgres.rows(query).map { $0.map { $0 ?? "" } }
    }

    /// Whether a table of that name exists.
    public func tableExists(_ name: String) throws -> Bool {
        guard postgres != nil else {
            return try integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '\(name)'") == 1
        }
        return try integer("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '\(name)'") == 1
    }

    /// Every row of every application table (or, with `state`, of batchrun's own), in a deterministic order.
    public func dump(state: Bool = false) throws -> [String] {
        let pattern = state ? "LIKE 'batchrun\\_%' ESCAPE '\\'" : "NOT LIKE 'batchrun\\_%' ESCAPE '\\'"
        let tables =
            try rows(
                postgres == nil
                    ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name \(pattern)"
                        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                    : "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename \(pattern)"
                        + " ORDER BY tablename"
            ).map { $0[0] }
        return try tables.flatMap { table in
            try rows("SELECT * FROM \"\(table)\"").map { table + ":" + $0.joined(separator: "|") }.sorted()
        }
    }

    /// Runs `batchrun` with `arguments` plus `--db` and `--updates` to completion.
    @discardableResult
    public func batchrun(_ arguments: [String]) throws -> Spawned {
        try workspace.batchrun(arguments, database: db)
    }

    /// Starts `batchrun` with `arguments` plus `--db` and `--updates`.
    public func start(_ arguments: [String]) throws -> Spawned {
        try workspace.start(arguments, database: db)
    }
}
