import BatchEngine
import BatchSQLite
import Foundation

/// One dashboard session: reads the queue, starts driving it (attaching instead when a live runner holds the lease,
/// or when the runner finds the lease taken) and shows the screen until the run ends or the user leaves.
struct Launch {
    /// The database file.
    let path: String
    /// The update steps.
    let steps: [any Step]
    /// The runner's options, when this process drives.
    let options: RunnerOptions
    /// Whether to exit by itself once the run ends.
    let exitWhenDone: Bool

    /// Runs the session; the terminal is back to normal when this returns or throws.
    /// - Returns: the exit status and a line saying how the session ended.
    /// - Throws: `BatchError` when the database or the queue cannot be used or the run cannot start.
    func run() throws -> (status: Int32, message: String) {
        let database = try SQLiteDatabase(path: path)
        let status = try QueueStatus.read(from: database, steps: steps)
        let store = SessionStore(SessionModel(database: path, status: status, throttle: options.throttle))
        let stop = StopSignal()
        let signals = SignalWatch()
        if let lease = status.state.lease, lease.isAlive() {
            // Taking the lease would only wait for the busy database and then fail: watch the holder at once.
            store.update { $0.runDidNotStart(BatchError(.workLeft, "\(lease.holder) holds the lease")) }
        } else {
            LocalRun.start(database: database, steps: steps, options: options, stop: stop, store: store)
        }
        let terminal = try Terminal()
        terminal.enter()
        defer { terminal.leave() }
        let app = DashboardApp(
            launch: self, store: store, terminal: terminal, signals: signals, database: database, stop: stop,
            colour: Self.colourWanted)
        return try app.run()
    }

    /// Colour unless `NO_COLOR` is set to something (no-color.org) or the terminal is `dumb`.
    private static var colourWanted: Bool {
        let environment = ProcessInfo.processInfo.environment
        return (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
