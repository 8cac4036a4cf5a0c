import ArgumentParser
import BatchCLI
import BatchEngine

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "List the steps that would run, in order, and how; writes nothing.")

    @OptionGroup var workspace: Workspace

    func run() throws {
        try reportingErrors {
            let status = try QueueStatus.read(from: workspace.backend(), steps: workspace.steps())
            let pending = status.pending
            print(
                "\(pending.count) of \(DisplayFormat.counted(status.entries.count, "step")) would run, in this order:")
            for (index, entry) in pending.enumerated() {
                var line = "\(index + 1). \(entry.step.id) [\(entry.step.phase.rawValue)] \(describe(entry.step))"
                if let cursor = entry.record?.cursor { line += ", resuming after \(cursor.serialized)" }
                print(line)
            }
            return .drained
        }
    }

    private func describe(_ step: any Step) -> String {
        guard let file = (step as? SQLFileStep)?.file else { return "Swift step" }
        let how: String
        switch file.walk {
        case nil:
            how = file.runsInTransaction ? "once, in one transaction" : "once, outside a transaction (at least once)"
        case .keys(let table, let columns)?:
            how =
                "in ranges of \(table).\(columns.count == 1 ? columns[0] : "(" + columns.joined(separator: ", ") + ")")"
        case .integers(let first, let last)?:
            how = "in ranges of \(first)...\(last)"
        }
        return how + (file.workers == 1 && file.walk != nil ? ", never split" : "")
    }
}
