/// A PostgreSQL run with everything watched beside it: the application writer, the replicas' lag, the WAL
/// written and the table's growth.
enum ObservedRun {
    /// Runs `body` on the copy at `database` of `fixture` with the writer, the lag sampler and the footprint.
    /// - Returns: what `body` returned, and what was seen beside it.
    /// - Throws: what `body` throws; a PostgreSQL error or `BenchError` when an observer cannot connect.
    static func measure<T>(_ database: String, of fixture: PostgresFixture, _ body: () throws -> T) throws -> (
        T, SideEffectFigures
    ) {
        let ((result, footprint), writer) = try ApplicationWriter.during(fixture.writer(into: database)) {
            try PostgresFootprint.measure(database, rows: fixture.rows) {
                try ReplicaLagSampler.during(primary: database, body)
            }
        }
        let (value, lag) = result
        return (value, SideEffectFigures(writer: WriterFigures(writer), replicaLag: lag, footprint: footprint))
    }
}
