import ArgumentParser
import BatchCLI
import BatchEngine

/// Sends `request` to every worker of the queue and says whom it reached.
private func send(_ request: ControlRequest, through workspace: Workspace) throws {
    try reportingErrors {
        let reached = try request.send(to: workspace.backend())
        guard !reached.isEmpty else {
            printError("no run is active on \(try workspace.database.location()); nothing to \(request)")
            return .workLeft
        }
        print("\(request) requested from \(reached.joined(separator: ", ")); it takes effect after the current ranges")
        return .drained
    }
}

struct Pause: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask every worker of the queue to pause after its current range; each keeps its claim.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.pause, through: workspace) }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask the paused workers of the queue to resume.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.resume, through: workspace) }
}

struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the runs active now to stop after their current ranges; they exit 75 with work left.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.stop, through: workspace) }
}

struct Throttle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make every worker sleep FRACTION of each range's duration after it (0 = full speed).")
    @OptionGroup var workspace: Workspace
    @Argument(help: "The fraction, e.g. 0.5 to sleep half as long as each range took.")
    var fraction: Double
    func validate() throws {
        guard (0...100).contains(fraction) else { throw ValidationError("the fraction must be between 0 and 100") }
    }
    func run() throws { try send(.throttle(fraction), through: workspace) }
}
