import ArgumentParser
import BatchCLI
import BatchEngine

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the update files, the plan, the checksums and the pending steps against the schema.",
        discussion: "Writes nothing. Exit 0 when all is well, 65 (with file and line) on the first problem.")

    @OptionGroup var workspace: Workspace

    @Option(help: "Accept the changed definition of a started or finished step (repeatable).")
    var acceptChanged: [String] = []

    func run() throws {
        try reportingErrors {
            let steps = try workspace.steps()
            var options = RunnerOptions()
            options.acceptChanged = Set(acceptChanged)
            let backend = try workspace.backend()
            try Runner(backend: backend, steps: steps, options: options).check()
            let status = try QueueStatus.read(from: backend, steps: steps)
            print(
                "ok: \(DisplayFormat.counted(steps.count, "step")), \(status.pending.count) pending, checked against"
                    + " \(try workspace.database.location())")
            return .drained
        }
    }
}
