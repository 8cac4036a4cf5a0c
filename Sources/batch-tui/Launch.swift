import BatchEngine
import Foundation

/// One dashboard session: reads the queue, starts driving it (attaching instead when runs of other processes are
/// active or a live runner holds the lease, or when the runner finds the queue taken) and shows the screen until
/// the run ends or the user leaves.
struct Launch {
    /// Where the queue lives.
    let backend: any BatchBackend
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
        let status = try QueueStatus.read(from: backend, steps: steps)
        let store = SessionStore(SessionModel(database: backend.location, status: status, throttle: options.throttle))
        let stop = StopSignal()
        let signals = SignalWatch()
        let runner = Runner(backend: backend, steps: steps, options: options, stop: stop)
        if let (holder, verb) = Self.runnersElsewhere(in: status.state) {
            // Starting would only find the queue taken or join their runs: watch them at once.
            store.update { $0.runDidNotStart(BatchError(.workLeft, "\(holder) \(verb) the queue", holder: holder)) }
        } else {
            LocalRun.start(runner, steps: steps, store: store)
        }
        let terminal = try Terminal()
        terminal.enter()
        defer { terminal.leave() }
        let app = DashboardApp(
            launch: self, store: store, terminal: terminal, signals: signals, runner: runner, stop: stop,
            colour: Self.colourWanted)
        return try app.run()
    }

    /// The processes of the runs active elsewhere, if any, and the verb that agrees with them (`runs`, `run`): this
    /// dashboard then attaches to them.
    private static func runnersElsewhere(in state: StateSnapshot) -> (String, String)? {
        if let lease = state.lease, state.leaseIsLive { return (lease.holder, "runs") }
        let processes = state.activeRuns.map(\.process)
        guard !processes.isEmpty else { return nil }
        return (processes.listed, processes.count == 1 ? "runs" : "run")
    }

    /// Colour unless `NO_COLOR` is set to something (no-color.org) or the terminal is `dumb`.
    private static var colourWanted: Bool {
        let environment = ProcessInfo.processInfo.environment
        return (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }
}
