import BatchEngine
import GRDB

/// How SQLite's errors are classified and worded.
enum SQLiteFailure {
    /// Lock contention is transient; a read-only or unreadable file is unusable; the rest is
    /// permanent, a full disk included (the step fails and resumes once there is room).
    static func classify(_ error: any Error) -> DatabaseFailure {
        guard let error = error as? DatabaseError else {
            return DatabaseFailure(kind: .permanent, message: String(describing: error))
        }
        let kind: DatabaseFailure.Kind =
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: .transient
            case .SQLITE_INTERRUPT: .interrupted
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                .unusable
            default: .permanent
            }
        return DatabaseFailure(kind: kind, message: message(of: error), sql: error.sql)
    }

    /// The database's message.
    static func message(of error: any Error) -> String {
        guard let error = error as? DatabaseError else { return String(describing: error) }
        return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
}
