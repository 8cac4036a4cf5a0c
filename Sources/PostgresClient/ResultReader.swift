import CLibPQ

/// Copies what a libpq result holds into Swift values.
enum ResultReader {
    /// The result's columns.
    static func columns(of result: OpaquePointer) -> [PostgresColumn] {
        (0..<PQnfields(result)).map { index in
            PostgresColumn(
                name: String(cString: PQfname(result, index)), type: PostgresType(rawValue: PQftype(result, index)))
        }
    }

    /// Row `row` of the result, whose columns are `columns`.
    static func row(_ row: Int32, of result: OpaquePointer, columns: [PostgresColumn]) -> PostgresRow {
        let values = (0..<Int32(columns.count)).map { column -> String? in
            guard PQgetisnull(result, row, column) == 0 else { return nil }
            let bytes = UnsafeRawBufferPointer(
                start: PQgetvalue(result, row, column), count: Int(PQgetlength(result, row, column)))
            return String(decoding: bytes, as: UTF8.self)
        }
        return PostgresRow(columns: columns, values: values)
    }

    /// The whole result, rows included.
    static func result(_ result: OpaquePointer) -> PostgresResult {
        let columns = columns(of: result)
        let rows = (0..<PQntuples(result)).map { row($0, of: result, columns: columns) }
        return PostgresResult(
            columns: columns, rows: rows, commandTag: String(cString: PQcmdStatus(result)),
            affectedRows: Int(String(cString: PQcmdTuples(result))))
    }
}
