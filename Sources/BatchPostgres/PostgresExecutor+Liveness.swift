import BatchEngine
import PostgresClient

extension PostgresExecutor {
    /// Takes the holder's session advisory lock; it stays after the transaction commits, until the session ends.
    func hold(_ holder: Holder) throws {
        let (first, second) = AdvisoryLock.keys(of: holder)
        _ = try connection.execute(
            "SELECT pg_advisory_lock($1::int4, $2::int4)", [PostgresParameter(first), PostgresParameter(second)])
    }

    /// The holders whose advisory lock no session of this database holds: their session ended (a killed process,
    /// a terminated backend, a restarted server, a network partition the server noticed).
    func goneHolders(_ holders: [Holder]) throws -> Set<Holder> {
        guard !holders.isEmpty else { return [] }
        var held: Set<[Int64]> = []
        try connection.forEachRow(
            """
            SELECT classid::int8, objid::int8 FROM pg_locks
             WHERE locktype = 'advisory' AND granted AND objsubid = 2
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND classid::int8 BETWEEN $1 AND $2
            """,
            [
                PostgresParameter(Int64(AdvisoryLock.namespace) + 1),
                PostgresParameter(Int64(AdvisoryLock.namespace) + 2),
            ]
        ) { row in
            if let first = row[0].flatMap({ Int64($0) }), let second = row[1].flatMap({ Int64($0) }) {
                held.insert([first, second])
            }
        }
        return Set(
            holders.filter { holder in
                let (first, second) = AdvisoryLock.keys(of: holder)
                return !held.contains([Int64(first), Int64(UInt32(bitPattern: second))])
            })
    }
}
