import BatchEngine
import PostgresClient

/// How PostgreSQL's errors are classified, by SQLSTATE, and how a failed connection is reported.
enum PostgresFailure {
    /// Classifies an error of a connection; `cancelled` says whether this process cancelled the statement, and
    /// `timed` whether a statement timeout was set, which together tell what a `57014` was.
    static func classify(_ error: any Error, cancelled: Bool, timed: Bool) -> DatabaseFailure {
        guard let error = error as? PostgresError else {
            return DatabaseFailure(kind: .permanent, message: String(describing: error))
        }
        let message = describe(error)
        if error.kind == .connection { return DatabaseFailure(kind: .connectionLost, message: message) }
        let kind: DatabaseFailure.Kind =
            switch error.sqlState ?? "" {
            case "40001", "40P01": .transient
            case "55P03": .lockTimeout
            case "57014" where cancelled: .interrupted
            case "57014" where timed: .statementTimeout
            case "57014": .transient
            case "57P01", "57P02", "57P03": .connectionLost
            case let state where state.hasPrefix("08"): .connectionLost
            case "25006": .readOnly
            default: .permanent
            }
        return DatabaseFailure(kind: kind, message: message)
    }

    /// The server's message with its detail, on one line; a parameter whose type the server cannot tell gets a
    /// hint, since update files bind untyped values.
    static func describe(_ error: PostgresError) -> String {
        let hint =
            error.sqlState == "42P18"
            ? "PostgreSQL takes a parameter's type from its first use: compare it with a column before testing it"
                + " (k > :from OR :from IS NULL), or cast it (:from::bigint)" : nil
        return [error.message, error.detail, hint].compactMap { $0 }.joined(separator: ": ")
    }

    /// The error a user sees when connecting to `location` failed: a server that refused the session is a bad
    /// `--db` (64), unless it refused for a moment (starting up, shutting down, too many connections), which like a
    /// server that cannot be reached leaves work (75).
    static func connectionError(_ error: PostgresError, location: String) -> BatchError {
        let reason = describe(error)
        let passing = ["starting up", "shutting down", "too many clients", "in recovery mode", "not yet accepting"]
        switch error.connectionFailure {
        case .rejected? where !passing.contains(where: reason.contains):
            return BatchError(.usage, "the server at \(location) refused the connection: \(reason)")
        case .rejected?, .unreachable?, .lost?:
            return BatchError(.workLeft, "cannot reach the server at \(location): \(reason)")
        case nil:
            return BatchError(.usage, "cannot connect to \(location): \(reason)")
        }
    }
}
