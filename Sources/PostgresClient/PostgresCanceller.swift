import CLibPQ

/// Cancels the statement running on a connection, from any thread (`PQcancel`).
///
/// It holds a copy of the connection's cancel key (`PQgetCancel`), which libpq only reads, so several threads may
/// cancel at once while the connection's own thread runs a statement; that is what makes it `Sendable`. It stays
/// valid after the connection closes, when cancelling does nothing. A cancel request is a separate connection to the
/// server: the statement then fails with SQLSTATE 57014, unless it finished first, and its transaction is aborted.
public final class PostgresCanceller: @unchecked Sendable {
    private let key: OpaquePointer

    init(_ cancel: OpaquePointer) {
        self.key = cancel
    }

    deinit {
        PQfreeCancel(key)
    }

    /// Asks the server to cancel the statement running now.
    /// - Throws: `.connection` with `.unreachable` when the request could not be delivered.
    public func cancel() throws(PostgresError) {
        var reason = [CChar](repeating: 0, count: 256)
        guard PQcancel(key, &reason, Int32(reason.count)) == 1 else {
            let message = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PostgresError(kind: .connection, connectionFailure: .unreachable, message: message)
        }
    }
}
