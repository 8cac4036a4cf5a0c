import ArgumentParser
import BatchCLI
import BatchEngine

/// Sends `request` to the runner holding the lease and says what happened.
private func send(_ request: ControlRequest, through workspace: Workspace) throws {
    try reportingErrors {
        guard let holder = try request.send(to: workspace.openForWriting()) else {
            printError("no runner holds the lease of \(workspace.db); nothing to \(request)")
            return .workLeft
        }
        print("\(request) requested from \(holder.holder); it takes effect after its current range")
        return .drained
    }
}

struct Pause: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running runner to pause after its current range; it keeps its lease.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.pause, through: workspace) }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ask a paused runner to resume.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.resume, through: workspace) }
}

struct Stop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running runner to stop after its current range; it exits 75 with work left.")
    @OptionGroup var workspace: Workspace
    func run() throws { try send(.stop, through: workspace) }
}

struct Throttle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the running runner sleep FRACTION of each range's duration after it (0 = full speed).")
    @OptionGroup var workspace: Workspace
    @Argument(help: "The fraction, e.g. 0.5 to sleep half as long as each range took.")
    var fraction: Double
    func validate() throws {
        guard (0...100).contains(fraction) else { throw ValidationError("the fraction must be between 0 and 100") }
    }
    func run() throws { try send(.throttle(fraction), through: workspace) }
}
