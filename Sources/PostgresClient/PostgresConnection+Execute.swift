import CLibPQ

extension PostgresConnection {
    /// Runs one statement with `$1`, `$2`... bound to `parameters` (`PQexecParams`), and returns all its rows.
    ///
    /// Parameters and results are in text format; a `nil` parameter is SQL NULL. The whole result is held in memory:
    /// use `forEachRow` for a large one. `COPY` is refused.
    /// - Throws: `.server` for a statement the server refused, `.connection` with `.lost` when the session ended,
    ///   `.client` for a request that cannot be sent.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresParameter?] = []) throws(PostgresError) -> PostgresResult
    {
        let handle = try readyHandle()
        let bound = try BoundStatement(sql, parameters)
        let result = bound.withArrays { count, types, values in
            PQexecParams(handle, sql, count, types, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        return ResultReader.result(try succeeded(result, on: handle))
    }

    /// Runs `sql`, which may hold several statements separated by semicolons, through the simple query protocol
    /// (`PQexec`): for `SET ...; SET ...` and other scripts without parameters. Without an explicit transaction the
    /// statements run in one implicit transaction, and the first that fails stops the rest.
    /// - Throws: as `execute`.
    public func executeScript(_ sql: String) throws(PostgresError) {
        let handle = try readyHandle()
        guard !sql.utf8.contains(0) else { throw .client("the SQL contains a NUL character") }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        _ = try succeeded(result, on: handle)
    }

    /// `result` when it reports success; otherwise the error it reports, after leaving any COPY the statement began
    /// so that the connection can be used again.
    func succeeded(_ result: OpaquePointer?, on handle: OpaquePointer) throws(PostgresError) -> OpaquePointer {
        guard let result else { throw failure(nil, on: handle) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy(PQresultStatus(result), on: handle)
            throw .client("COPY FROM STDIN and COPY TO STDOUT are not supported")
        default:
            throw failure(result, on: handle)
        }
    }

    /// The error `result` reports, remembering a lost session.
    func failure(_ result: OpaquePointer?, on handle: OpaquePointer) -> PostgresError {
        let error = PostgresError.statementFailure(result, on: handle)
        if error.connectionFailure == .lost { isLost = true }
        return error
    }

    /// Ends a COPY the server started, failing it on the server's side, and reads what remains of the statement.
    private func abandonCopy(_ status: ExecStatusType, on handle: OpaquePointer) {
        if status == PGRES_COPY_OUT {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
        } else {
            _ = PQputCopyEnd(handle, "batchrun does not send COPY data")
        }
        while let rest = PQgetResult(handle) { PQclear(rest) }
    }
}
