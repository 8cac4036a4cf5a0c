import CLibPQ

extension PostgresError {
    /// The error of a connection attempt that failed, classified as `.unreachable` or `.rejected`.
    static func connectFailure(_ connection: OpaquePointer) -> PostgresError {
        let report = LibPQReport(String(cString: PQerrorMessage(connection)))
        let serverReport = report.firstServerReport
        let askedForPassword = PQconnectionUsedPassword(connection) == 1 || PQconnectionNeedsPassword(connection) == 1
        let reached = serverReport != nil || askedForPassword
        return PostgresError(
            kind: .connection, connectionFailure: reached ? .rejected : .unreachable, message: report.text,
            severity: serverReport?.severity)
    }

    /// The error of a statement that failed: `result` is libpq's error result, `nil` when it returned none.
    ///
    /// The session is over, and the error `.connection` with `.lost`, when libpq marks the connection bad, when the
    /// server's report is FATAL or PANIC or of SQLSTATE class 08, or when libpq made the error itself (it carries no
    /// SQLSTATE, which every server report has): libpq 15 can leave `PQstatus` at `CONNECTION_OK` after "server closed
    /// the connection unexpectedly" on a Unix socket. Otherwise it is `.server`.
    static func statementFailure(_ result: OpaquePointer?, on connection: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(CLibPQDiagSQLState)
        let severity = field(CLibPQDiagSeverityNonlocalized) ?? field(CLibPQDiagSeverity)
        let sessionEnded =
            PQstatus(connection) != CONNECTION_OK || sqlState == nil || severity == "FATAL" || severity == "PANIC"
            || sqlState?.hasPrefix("08") == true
        guard let primary = field(CLibPQDiagMessagePrimary) else {
            // libpq's own error: its connection buffer has it, after any FATAL report the server sent first.
            var text = String(cString: PQerrorMessage(connection))
            if text.isEmpty, let result { text = String(cString: PQresultErrorMessage(result)) }
            if text.isEmpty { text = "libpq returned no result" }
            let report = LibPQReport(text)
            return PostgresError(
                kind: .connection, connectionFailure: .lost, message: report.text,
                severity: report.firstServerReport?.severity)
        }
        return PostgresError(
            kind: sessionEnded ? .connection : .server, connectionFailure: sessionEnded ? .lost : nil,
            sqlState: sqlState, message: primary, detail: field(CLibPQDiagMessageDetail),
            hint: field(CLibPQDiagMessageHint), position: field(CLibPQDiagStatementPosition).flatMap { Int($0) },
            severity: severity)
    }
}
