import ArgumentParser

/// `--backend`: which databases the benchmark measures.
enum BackendChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// SQLite files only (the default).
    case sqlite
    /// PostgreSQL only.
    case postgres
    /// SQLite, then PostgreSQL.
    case both

    /// Whether the SQLite figures are measured.
    var measuresSQLite: Bool { self != .postgres }

    /// Whether the PostgreSQL figures are measured.
    var measuresPostgres: Bool { self != .sqlite }
}
