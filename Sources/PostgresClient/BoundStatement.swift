import CLibPQ

/// A statement's parameters in the arrays `PQexecParams` and `PQsendQueryParams` take.
struct BoundStatement {
    private let types: [Oid]
    private let values: CStringArray

    /// The arrays for `parameters`, after checking that `sql` and the parameters can be sent.
    /// - Throws: a `.client` error for a NUL character or more parameters than the protocol allows.
    init(_ sql: String, _ parameters: [PostgresParameter?]) throws(PostgresError) {
        guard !sql.utf8.contains(0) else { throw .client("the SQL contains a NUL character") }
        guard parameters.count <= 65535 else {
            throw .client("\(parameters.count) parameters: the protocol allows at most 65535")
        }
        if let index = parameters.firstIndex(where: { $0?.text.utf8.contains(0) == true }) {
            throw .client("parameter $\(index + 1) contains a NUL character: send bytes as bytea")
        }
        types = parameters.map { $0?.type?.rawValue ?? 0 }
        values = CStringArray(parameters.map { $0?.text })
    }

    /// Calls `body` with the parameter count, their type OIDs and their values, valid only during the call.
    func withArrays<R>(
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>) -> R
    ) -> R {
        types.withUnsafeBufferPointer { types in
            values.withPointers { values in body(Int32(types.count), types.baseAddress, values) }
        }
    }
}
