import ArgumentParser
import BatchEngine
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every step's status, progress, cursor and last error; writes nothing.")

    @OptionGroup var workspace: Workspace

    @Flag(help: "Print the status as one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let status = try QueueStatus.read(from: workspace.openForReading(), steps: workspace.steps())
            print(json ? StatusJSON.object(for: status, database: workspace.db).rendered : table(status))
            return .drained
        }
    }

    private func table(_ status: QueueStatus) -> String {
        var lines = ["database \(workspace.db), state version \(status.state.schemaVersion), " + lease(status)]
        let width = max(4, status.entries.map(\.step.id.count).max() ?? 0)
        lines.append(pad("STEP", width) + "  PHASE   STATUS   ATTEMPTS  PROGRESS")
        for entry in status.entries {
            let record = entry.record
            lines.append(
                pad(entry.step.id, width) + "  " + pad(entry.step.phase.rawValue, 6) + "  "
                    + pad(entry.status.rawValue, 7) + "  " + pad(String(record?.attempts ?? 0), 8) + "  "
                    + Formatting.progress(record?.processed ?? 0, of: record?.total)
                    + (record?.cursor.map { "  cursor \($0.serialized)" } ?? ""))
            if let error = record?.error { lines.append("    error: \(error)") }
        }
        for orphan in status.orphans {
            lines.append(pad(orphan.id, width) + "  (no longer defined; status \(orphan.status.rawValue))")
        }
        let done = status.entries.count(where: { $0.status == .done })
        lines.append("\(done) of \(status.entries.count) steps done")
        if let run = status.state.lastRun {
            lines.append(
                "last run \(run.id) by \(run.host) pid \(run.pid), started \(run.startedAt): "
                    + (run.outcome ?? "unfinished"))
        }
        return lines.map { DisplayFormat.printable($0) }.joined(separator: "\n")
    }

    private func lease(_ status: QueueStatus) -> String {
        guard let lease = status.state.lease else { return "no runner" }
        return "runner \(lease.holder), last heartbeat \(lease.heartbeatAt)"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
