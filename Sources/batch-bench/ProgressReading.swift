/// Reads one step's committed row count while another process runs it; the one thing the resume and the traced
/// runs need from a backend's state tables.
protocol ProgressReading {
    /// The step's committed count, or `nil` when it cannot be read right now (never an error: polling must not
    /// disturb the run it watches).
    func processed() -> Int?

    /// Closes the connection, if one was opened.
    func close()
}

/// The query that reads a step's committed count on either backend: the sum of `processed` over the step's rows in
/// `batchrun_chunks`, which every range transaction updates together with its cursor.
enum ProgressQuery {
    /// The query, with `placeholder` (`?` or `$1`) for the step's id.
    static func sql(placeholder: String) -> String {
        "SELECT sum(processed) FROM batchrun_chunks WHERE step_id = \(placeholder)"
    }
}
