import CLibPQ

/// The notices a connection received and nobody has taken yet: the newest `capacity`, older ones dropped.
///
/// libpq calls the receiver from inside the calls made on the connection, so the buffer is touched by one thread at
/// a time, like the connection that owns it.
final class NoticeBuffer {
    /// How many notices are kept.
    static let capacity = 100

    private var notices: [PostgresNotice] = []

    /// Hands the notices over and forgets them.
    func take() -> [PostgresNotice] {
        defer { notices = [] }
        return notices
    }

    /// Installs the buffer as `connection`'s notice receiver, so that libpq never prints a notice to stderr. The
    /// buffer must outlive the connection.
    func receive(from connection: OpaquePointer) {
        PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                Unmanaged<NoticeBuffer>.fromOpaque(context).takeUnretainedValue().append(result)
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func append(_ result: OpaquePointer) {
        func field(_ code: Int32) -> String? { PQresultErrorField(result, code).map { String(cString: $0) } }
        let message = field(CLibPQDiagMessagePrimary) ?? String(cString: PQresultErrorMessage(result))
        let severity = field(CLibPQDiagSeverityNonlocalized) ?? field(CLibPQDiagSeverity) ?? "NOTICE"
        if notices.count == Self.capacity { notices.removeFirst() }
        notices.append(PostgresNotice(severity: severity, sqlState: field(CLibPQDiagSQLState), message: message))
    }
}
