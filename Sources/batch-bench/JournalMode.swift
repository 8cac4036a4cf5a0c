import ArgumentParser

/// The journal mode the benchmark's databases are created with; it is stored in the file, so batchrun uses it too.
enum JournalMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Write-ahead log: readers (the progress poller) never block the writer.
    case wal
    /// SQLite's default rollback journal: the poller's reads can delay the writer's commits slightly.
    case delete
}
