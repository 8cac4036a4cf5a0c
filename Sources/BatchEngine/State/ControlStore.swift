/// Reads and writes the queue's control row in `batchrun_control`, inside the caller's transaction.
enum ControlStore {
    /// What has been asked of the workers of run `runID`: a stop reaches the runs that were active when it was
    /// asked, never a later one.
    static func read(for runID: Int64, in database: any SQLExecutor) throws -> ControlState {
        guard
            let row = try database.firstRow(
                "SELECT paused, throttle, stop_through_run, stop_reason FROM batchrun_control WHERE name = 'queue'", [])
        else { return ControlState() }
        let stops = (row[2].integer ?? 0) >= runID
        return ControlState(
            paused: row[0].integer == 1, throttle: row[1].real, stopReason: stops ? row[3].text ?? "stop" : nil)
    }

    /// Records a request for every worker of the queue.
    static func record(_ request: ControlRequest, in database: any SQLExecutor) throws {
        let clock = database.dialect.clockText
        try database.execute(
            "INSERT INTO batchrun_control (name, updated_at) VALUES ('queue', \(clock)) ON CONFLICT (name) DO NOTHING",
            [])
        let assignment: (String, [SQLValue]) =
            switch request {
            case .pause: ("paused = 1", [])
            case .resume: ("paused = 0", [])
            case .throttle(let fraction): ("throttle = ?", [.real(fraction)])
            case .stop:
                (
                    "stop_through_run = (SELECT max(id) FROM batchrun_runs), stop_reason = ?",
                    [.text("stop requested")]
                )
            }
        try database.execute(
            "UPDATE batchrun_control SET \(assignment.0), updated_at = \(clock) WHERE name = 'queue'", assignment.1)
    }

    /// Forgets every request, once no run is active: the next run starts unpaused and unthrottled.
    static func clear(in database: any SQLExecutor) throws {
        try database.execute("DELETE FROM batchrun_control", [])
    }
}
