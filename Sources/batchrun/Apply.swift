import ArgumentParser
import BatchCLI
import BatchEngine
import Foundation

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply every pending update step, resuming each at its cursor, until the queue is drained.",
        discussion: "Exit codes: 0 drained, 1 a step failed, 64 usage, 65 invalid input, 75 stopped with work left."
    )

    @OptionGroup var workspace: Workspace

    @Option(help: "How long one tick runs ranges before reporting progress.")
    var budget: Duration = .seconds(1)

    @Option(help: "How long one range's statements aim to take; range sizes adapt toward it.")
    var rangeTime: Duration = .milliseconds(50)

    @Option(help: "Use ranges of exactly this many rows instead of adapting them to --range-time.")
    var rangeSize: Int?

    @Option(help: "Stop gracefully, with work left (exit 75), after this long, e.g. 10m.")
    var maxTime: Duration?

    @Option(help: "Sleep this fraction of each range's duration after it (0.5 = half), to leave room for others.")
    var throttle: Double = 0

    @Option(help: "How long the runner lease lives without a heartbeat before another runner may take it over.")
    var leaseTtl: Duration = .seconds(60)

    @Option(help: "Accept the changed definition of a started or finished step (repeatable).")
    var acceptChanged: [String] = []

    @Option(help: "Without a terminal, how often a progress line is written, e.g. 30s.")
    var progressEvery: Duration = .seconds(5)

    @Flag(help: "Write one JSON event per line instead of progress text.")
    var json = false

    func validate() throws {
        guard (0...100).contains(throttle) else { throw ValidationError("--throttle must be between 0 and 100") }
        guard (rangeSize ?? 1) >= 1 else { throw ValidationError("--range-size must be at least 1") }
        guard rangeTime > .zero, budget > .zero, leaseTtl > .zero else {
            throw ValidationError("--range-time, --budget and --lease-ttl must be positive")
        }
    }

    func run() throws {
        let reporter = ProgressReporter(
            mode: json ? .json : isatty(STDOUT_FILENO) == 1 ? .live : .plain, plainInterval: progressEvery)
        try reportingErrors {
            do {
                let steps = try workspace.steps()
                let database = try workspace.openForWriting()
                let stop = StopSignal()
                let trap = SignalTrap(stop: stop, database: database)
                defer { withExtendedLifetime(trap) {} }
                let runner = Runner(database: database, steps: steps, options: options, stop: stop)
                let summary = try runner.run(onEvent: reporter.show)
                if summary.status != .drained { printError(summary.message) }
                return summary.status
            } catch let error as BatchError {
                reporter.show(error)
                throw error
            }
        }
    }

    private var options: RunnerOptions {
        var options = RunnerOptions()
        options.budget = budget
        options.rangeTarget = rangeTime
        if let rangeSize {
            options.initialRangeSize = rangeSize
            options.rangeSizeBounds = rangeSize...rangeSize
        }
        options.maxTime = maxTime
        options.throttle = throttle
        options.leaseTimeToLive = leaseTtl
        options.acceptChanged = Set(acceptChanged)
        return options
    }
}
