import CLibPQ

/// A connection to a PostgreSQL server through libpq: synchronous, text format, one statement at a time.
///
/// A connection is owned by one thread at a time, which makes every call on it; it is not `Sendable`, so the
/// compiler holds callers to that. Move it between threads whole (in a `Mutex`, or as a `sending` value). The only
/// thing another thread may do is cancel the running statement, through `makeCanceller()`.
///
/// Notices the server sends (`RAISE NOTICE`, warnings) are kept for `takeNotices()` rather than printed: libpq's
/// default would write them to stderr. A notice sent while the connection is still being set up, before
/// `PQconnectdbParams` returns (a warning about a collation version mismatch, for one), still reaches libpq's
/// default printer: there is no connection object to install a receiver on before then. libpq also writes its
/// warnings about a password file that is not a plain file or that others can read straight to stderr.
public final class PostgresConnection {
    /// The libpq connection; `nil` once closed.
    var handle: OpaquePointer?
    /// Whether `forEachRow` is reading rows, during which no other statement may start.
    var isStreaming = false
    /// Whether a statement failed with `.lost`, which libpq's own status does not always show.
    var isLost = false
    private let notices = NoticeBuffer()

    /// Connects, as psql would, to what `connectionString` says.
    ///
    /// `connectionString` is a URI (`postgres://` or `postgresql://`), a `key=value` string, or a database name;
    /// what it leaves out comes from the `PG*` environment variables, `~/.pgpass`, the service file and libpq's
    /// defaults, exactly as for psql. `defaults` apply where the string says nothing (the string's own values win);
    /// `overrides` win over the string. Both take libpq keywords such as `application_name`, `connect_timeout` or
    /// `options`; an empty value is ignored, as libpq ignores it. Since the service file and the environment only
    /// fill in what nobody gave, a default also wins over them: the order is overrides, then the string, then
    /// defaults, then the service file, then `PG*` variables. For a value the environment should still be able to
    /// change, use libpq's own fallbacks, such as `fallback_application_name`.
    /// - Throws: `.connection` with `.unreachable` or `.rejected` when no session could be opened, `.client` when
    ///   the parameters are invalid (see `PostgresError.Kind.client`).
    public init(
        _ connectionString: String, defaults: [(String, String)] = [], overrides: [(String, String)] = []
    ) throws(PostgresError) {
        let parameters = try ConnectionParameters(connectionString, defaults: defaults, overrides: overrides)
        let connection = parameters.keywords.withPointers { keywords in
            parameters.values.withPointers { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else { throw .client("libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            defer { PQfinish(connection) }
            throw .connectFailure(connection)
        }
        handle = connection
        notices.receive(from: connection)
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Ends the session (`PQfinish`); later calls fail with `.client`. Closing twice does nothing.
    ///
    /// It must not be called from inside the body of `forEachRow` on the same connection.
    public func close() {
        precondition(!isStreaming, "close() called while forEachRow reads rows from this connection")
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection can no longer run statements: it is closed, libpq marked it bad, or a statement
    /// found it lost.
    public var isBroken: Bool {
        guard let handle else { return true }
        return isLost || PQstatus(handle) != CONNECTION_OK
    }

    /// The notices received since the last call, oldest first, at most the latest 100.
    public func takeNotices() -> [PostgresNotice] {
        notices.take()
    }

    /// The host connected to (`PQhost`): a name, an address, or the directory of a Unix socket.
    public var host: String? { text(PQhost) }

    /// The server's port (`PQport`).
    public var port: Int? { text(PQport).flatMap { Int($0) } }

    /// The database connected to (`PQdb`).
    public var database: String? { text(PQdb) }

    /// The role connected as (`PQuser`).
    public var user: String? { text(PQuser) }

    /// The process id of the server process serving this session (`PQbackendPID`); 0 once closed.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// The server's version as a number (`PQserverVersion`), such as 150018 for 15.18; 0 once closed.
    public var serverVersion: Int { Int(handle.map { PQserverVersion($0) } ?? 0) }

    /// A run-time parameter the server reports to clients (`PQparameterStatus`), such as `server_version`,
    /// `in_hot_standby`, `TimeZone` or `application_name`.
    public func parameterStatus(_ name: String) -> String? {
        guard let handle, let value = PQparameterStatus(handle, name) else { return nil }
        return String(cString: value)
    }

    /// Where the session stands with respect to transactions (`PQtransactionStatus`); `.unknown` once broken.
    public var transactionStatus: PostgresTransactionStatus {
        guard let handle, !isLost else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inFailedTransaction
        default: return .unknown
        }
    }

    /// An object that cancels the statement running on this connection, from any thread.
    /// - Throws: `.client` when the connection is closed.
    public func makeCanceller() throws(PostgresError) -> PostgresCanceller {
        guard let handle, let cancel = PQgetCancel(handle) else {
            throw .client("cannot make a canceller: the connection is closed")
        }
        return PostgresCanceller(cancel)
    }

    /// The handle, when a statement may start on it.
    func readyHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw .client("the connection is closed") }
        guard !isStreaming else {
            throw .client("the connection is streaming rows: forEachRow's body must not use the same connection")
        }
        return handle
    }

    private func text(_ read: (OpaquePointer?) -> UnsafeMutablePointer<CChar>?) -> String? {
        guard let handle, let value = read(handle) else { return nil }
        return String(cString: value)
    }
}
