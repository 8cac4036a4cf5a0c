import PostgresClient

/// Reads one step's committed count on PostgreSQL (`ProgressQuery`).
///
/// The connection opens lazily; a failure (the state tables not there yet) skips the sample and, when the
/// connection broke, drops it so the next sample reconnects.
final class PostgresProgressPoller: ProgressReading {
    /// The database the child process updates.
    private let url: String
    /// The step whose chunks are summed.
    private let step: String
    /// The connection, once it could be opened.
    private var connection: PostgresConnection?

    /// Creates a poller of `step` in the database at `url`; nothing is opened yet.
    init(url: String, step: String) {
        self.url = url
        self.step = step
    }

    /// The step's committed count, or `nil` when it cannot be read right now.
    func processed() -> Int? {
        do {
            let connection = try connection ?? PostgresConnection(url, overrides: [("application_name", "batch-bench")])
            self.connection = connection
            let sum = try connection.execute(ProgressQuery.sql(placeholder: "$1"), [PostgresParameter(step)]).scalar
            return sum.flatMap { Int($0) }
        } catch {
            if connection?.isBroken == true { close() }
            return nil
        }
    }

    /// Closes the connection.
    func close() {
        connection?.close()
        connection = nil
    }
}
