import BatchEngine
import Foundation

/// The embedded default: a queue in a SQLite file, reached through GRDB. SQLite takes one writer at a time, so a run
/// has one worker and holds the queue's lease.
public struct SQLiteBackend: BatchBackend {
    /// The database file.
    public let path: String
    /// How long one statement waits for another connection's lock before SQLITE_BUSY.
    public var busyTimeout: Duration
    /// How a run leaves room for the application's writers between ranges.
    public var courtesy: WriterCourtesy

    /// A backend for the file at `path`.
    public init(path: String, busyTimeout: Duration = .seconds(1), courtesy: WriterCourtesy = WriterCourtesy()) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.courtesy = courtesy
    }

    /// The path.
    public var location: String { path }

    /// SQLite has one write lock.
    public var allowsConcurrentWriters: Bool { false }

    /// Opens the file: workers and coordinators create it; control commands need it to exist; observers read an
    /// existing file without writing (writable when they can be, because reading after a crash may need SQLite to
    /// roll back the hot journal the crashed writer left) and see an empty state when it does not exist.
    public func connect(_ role: ConnectionRole) throws -> any BatchDatabase {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw BatchError(.usage, "--db \(path) is a directory, not a database file") }
        switch role {
        case .worker, .coordinator:
            return try SQLiteDatabase(path: path, busyTimeout: busyTimeout, courtesy: courtesy)
        case .control:
            guard exists else { throw BatchError(.usage, "--db \(path) does not exist; no run can be using it") }
            return try SQLiteDatabase(path: path, busyTimeout: busyTimeout)
        case .observer:
            guard exists else { return SQLiteDatabase(inMemoryNamed: path) }
            let writable = FileManager.default.isWritableFile(atPath: path)
            return try SQLiteDatabase(path: path, readOnly: !writable, busyTimeout: busyTimeout)
        }
    }
}
