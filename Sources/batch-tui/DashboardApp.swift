import BatchEngine
import Dashboard
import Foundation

/// The UI loop, on the main thread: reads keys, draws several frames a second and decides when to exit. The run
/// goes on elsewhere: on the runner thread when this process drives, in another process when attached.
final class DashboardApp {
    /// The command line's choices.
    let launch: Launch
    /// The model the run feeds.
    let store: SessionStore
    /// The screen.
    let terminal: Terminal
    /// SIGINT, SIGTERM and SIGHUP, counted.
    let signals: SignalWatch
    /// This process's runner, whose statements a second stop interrupts.
    let runner: Runner
    /// Stops this process's runner after its current range.
    let stop: StopSignal
    /// Whether frames use colour.
    let colour: Bool
    /// The keyboard.
    let keyboard = KeyboardInput()
    /// Where pause, resume, throttle and stop requests go.
    var channel: ControlChannel
    /// The poller, once attached or driving a queue others may share.
    var poller: QueuePoller?
    /// Whether the help overlay is on.
    var showsHelp = false
    /// Whether the user asked to stop (driving) or detach (attached).
    var quitting = false
    /// Whether a key was pressed after the run ended.
    var leaving = false
    /// The signals already acted on.
    var signalsSeen = 0

    /// How long the loop waits for a key between frames.
    static let frameInterval: Duration = .milliseconds(100)

    /// Wires the loop to a session that has just started.
    init(
        launch: Launch, store: SessionStore, terminal: Terminal, signals: SignalWatch, runner: Runner,
        stop: StopSignal, colour: Bool
    ) {
        self.launch = launch
        self.store = store
        self.terminal = terminal
        self.signals = signals
        self.runner = runner
        self.stop = stop
        self.colour = colour
        channel = ControlChannel(store: store, backend: launch.backend)
    }

    /// Runs until the session ends.
    /// - Returns: the exit status and a line saying how the session ended.
    /// - Throws: the `BatchError` that kept the run from starting.
    func run() throws -> (status: Int32, message: String) {
        while true {
            let keys = keyboard.read(timeout: Self.frameInterval)
            let received = signals.received
            if received.count > signalsSeen {
                signalsSeen = received.count
                quit(because: "stopped by \(received.last)")
            }
            keys.forEach(handle)
            let model = store.snapshot
            if poller == nil { poller = startPolling(model.mode) }
            if let ending = try ending(of: model) {
                poller?.cancel()
                return ending
            }
            let size = terminal.size
            let state = model.frame(size: size, colour: colour, showsHelp: showsHelp, now: .now)
            terminal.draw(DashboardRenderer.render(state), size: size)
        }
    }

    /// Starts reading the queue for `mode`: attached, four times a second for everything shown; driving a queue
    /// other processes may share (PostgreSQL), once a second for the chunks and their workers. Driving a SQLite
    /// file needs no poll: the events tell everything.
    private func startPolling(_ mode: SessionModel.Mode) -> QueuePoller? {
        let (backend, steps) = (launch.backend, launch.steps)
        switch mode {
        case .attached:
            return QueuePoller(backend: backend, steps: steps, store: store, every: .milliseconds(250)) {
                $0.apply($1, now: $2)
                return $0.outcome != nil
            }
        case .driving where backend.allowsConcurrentWriters:
            return QueuePoller(backend: backend, steps: steps, store: store, every: .seconds(1)) {
                $0.merge($1, now: $2)
                return $0.outcome != nil
            }
        case .driving, .starting:
            return nil
        }
    }

    /// How the session ends now, if it does.
    private func ending(of model: SessionModel) throws -> (status: Int32, message: String)? {
        if let fatal = model.fatal { throw fatal }
        if let outcome = model.outcome, quitting || leaving || launch.exitWhenDone {
            return (outcome.rawValue, model.outcomeMessage ?? "the run ended")
        }
        guard model.mode == .attached, quitting else { return nil }
        if model.isDrained { return (ExitStatus.drained.rawValue, "detached; the queue is drained") }
        return (
            ExitStatus.workLeft.rawValue, "detached; \(model.watchedRuns) \(model.watched.count > 1 ? "go" : "goes") on"
        )
    }
}
