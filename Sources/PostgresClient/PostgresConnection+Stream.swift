import CLibPQ

extension PostgresConnection {
    /// Runs one statement and hands its rows to `body` one at a time as they arrive, in libpq's single-row mode
    /// (`PQsetSingleRowMode`), so that a result of any size is never held in memory.
    ///
    /// `body` must not use this connection: a statement it starts fails with `.client`, and closing the connection
    /// from it traps. When `body` throws, the rows still coming are read and dropped, so the connection stays usable,
    /// and its error is rethrown; cancel from another thread (`makeCanceller()`) to stop the server sooner. A
    /// statement that fails after some rows were handed over throws after them.
    /// - Throws: what `body` throws, or a `PostgresError` as `execute` does.
    public func forEachRow(
        _ sql: String, _ parameters: [PostgresParameter?] = [], _ body: (PostgresRow) throws -> Void
    ) throws {
        let handle = try readyHandle()
        let bound = try BoundStatement(sql, parameters)
        let sent = bound.withArrays { count, types, values in
            PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil, on: handle) }
        let singleRow = PQsetSingleRowMode(handle) == 1
        isStreaming = true
        defer { isStreaming = false }

        var columns: [PostgresColumn]?
        var firstError: (any Error)?
        if !singleRow { firstError = PostgresError.client("libpq refused single-row mode") }
        // Every result must be read, up to libpq's NULL, before the connection can take another statement.
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            guard firstError == nil else { continue }
            do {
                let result = try succeeded(result, on: handle)
                guard PQresultStatus(result) == PGRES_SINGLE_TUPLE else { continue }
                let rowColumns = columns ?? ResultReader.columns(of: result)
                columns = rowColumns
                try body(ResultReader.row(0, of: result, columns: rowColumns))
            } catch {
                firstError = error
            }
        }
        if let firstError { throw firstError }
    }
}
