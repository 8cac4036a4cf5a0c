import ArgumentParser
import BatchCLI
import BatchEngine
import Foundation

/// `batch-tui`: a live full-screen dashboard that drives the update queue, or attaches to the run in progress.
@main
struct BatchTUI: ParsableCommand {
    /// The command's help.
    static let configuration = CommandConfiguration(
        commandName: "batch-tui",
        abstract: "A live full-screen dashboard that drives the update queue, or attaches to the run in progress.",
        discussion: """
            When no run is active on the queue, batch-tui runs it itself with --workers workers; when other \
            processes run it (one or many, on any host), it attaches to them and shows their steps, chunks and \
            workers. Needs a terminal; use `batchrun apply` without one.

            Keys: p pause/resume, + and - throttle up/down, q (or Ctrl-C) stop gracefully, or detach when attached \
            (the runs watched go on), S ask every run watched to stop (attached), ? help.

            Exit codes: 0 drained, 1 a step failed, 64 usage or no terminal, 65 invalid input, 75 stopped or \
            detached with work left.
            """,
        version: BatchrunVersion.current)

    /// The database.
    @OptionGroup var database: DatabaseOptions

    /// The update folders.
    @OptionGroup var folders: UpdateFolders

    /// The workers this process runs when it drives.
    @Option(help: "Workers in this process when it drives (PostgreSQL; default: the number of cores).")
    var workers: Int?

    /// The tick budget: how often the counts move when this process drives.
    @Option(help: "How long one tick runs ranges before reporting progress (the dashboard's count updates).")
    var budget: Duration = .milliseconds(250)

    /// The range target.
    @Option(help: "The duration one range's transaction aims for; range sizes adapt toward it.")
    var rangeTime: Duration = .milliseconds(50)

    /// The starting throttle.
    @Option(help: "Sleep this fraction of each range's duration after it, until + or - changes it.")
    var throttle: Double = 0

    /// Whether to exit by itself once the run ends.
    @Flag(help: "Exit as soon as the run ends (0 drained, 1 failed, 75 work left) instead of waiting for a key.")
    var exitWhenDone = false

    /// Checks the options.
    func validate() throws {
        guard (0...100).contains(throttle) else { throw ValidationError("--throttle must be between 0 and 100") }
        guard rangeTime > .zero, budget > .zero else {
            throw ValidationError("--range-time and --budget must be positive")
        }
    }

    /// Refuses to run without a terminal; otherwise shows the dashboard until the run ends or the user leaves.
    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError(
                "batch-tui needs a terminal on standard input and output; without one (CI, pipes) run"
                    + " `batchrun apply` instead")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let code: Int32
        do {
            let launch = Launch(
                backend: try database.backend(), steps: try folders.steps(), options: options,
                exitWhenDone: exitWhenDone)
            let (status, message) = try launch.run()
            print("batch-tui: \(DisplayFormat.printable(message))")
            code = status
        } catch {
            let error = BatchError(reporting: error)
            printError(error.description)
            code = error.status.rawValue
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// The runner's options from the command line.
    private var options: RunnerOptions {
        var options = RunnerOptions()
        options.budget = budget
        options.rangeTarget = rangeTime
        options.throttle = throttle
        options.workers = workers
        return options
    }
}
