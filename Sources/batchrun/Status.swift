import ArgumentParser
import BatchCLI
import BatchEngine
import Foundation

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every step's status, progress, chunks and last error, and the workers; writes nothing.",
        discussion: "Works against a read-only standby too, showing the state as replicated.")

    @OptionGroup var workspace: Workspace

    @Flag(help: "Print the status as one JSON object.")
    var json = false

    func run() throws {
        try reportingErrors {
            let status = try QueueStatus.read(from: workspace.backend(), steps: workspace.steps())
            let location = try workspace.database.location()
            print(json ? StatusJSON.object(for: status, database: location).rendered : table(status, at: location))
            return .drained
        }
    }

    private func table(_ status: QueueStatus, at location: String) -> String {
        var lines = ["database \(location), state version \(status.state.schemaVersion), " + runner(status)]
        let width = max(4, status.entries.map(\.step.id.count).max() ?? 0)
        lines.append(pad("STEP", width) + "  PHASE   STATUS   ATTEMPTS  PROGRESS")
        for entry in status.entries {
            let record = entry.record
            lines.append(
                pad(entry.step.id, width) + "  " + pad(entry.step.phase.rawValue, 6) + "  "
                    + pad(entry.status.rawValue, 7) + "  " + pad(String(record?.attempts ?? 0), 8) + "  "
                    + Formatting.progress(record?.processed ?? 0, of: record?.total)
                    + (record?.cursor.map { "  cursor \($0.serialized)" } ?? ""))
            if let chunks = record?.chunks, chunks.count > 1 {
                if entry.status == .done {
                    lines.append("    \(DisplayFormat.counted(chunks.count, "chunk")), all done")
                } else {
                    for chunk in chunks { lines.append("    " + describe(chunk, workers: status.state.workers)) }
                }
            }
            if let error = record?.error { lines.append("    error: \(error)") }
        }
        for orphan in status.orphans {
            lines.append(pad(orphan.id, width) + "  (no longer defined; status \(orphan.status.rawValue))")
        }
        let done = status.entries.count(where: { $0.status == .done })
        lines.append("\(done) of \(DisplayFormat.counted(status.entries.count, "step")) done")
        for worker in status.state.workers {
            lines.append(
                "worker \(worker.label) (run \(worker.runID)): \(worker.state ?? "?")"
                    + (worker.step.map { " \($0)" } ?? "") + (worker.chunk.map { " chunk \($0)" } ?? "")
                    + (worker.rate.map { ", \(DisplayFormat.rate($0))" } ?? "")
                    + ", heartbeat \(worker.heartbeatAt ?? "-")")
        }
        if let run = status.state.lastRun {
            lines.append(
                "last run \(run.id) by \(run.process), started \(run.startedAt): " + (run.outcome ?? "running"))
        }
        return lines.map { DisplayFormat.printable($0) }.joined(separator: "\n")
    }

    private func runner(_ status: QueueStatus) -> String {
        if let lease = status.state.lease, status.state.leaseIsLive {
            return "exclusive runner \(lease.holder), last heartbeat \(lease.heartbeatAt)"
        }
        let runs = status.state.activeRuns
        guard !runs.isEmpty else { return "no runner" }
        return "\(DisplayFormat.counted(runs.count, "active run")): " + runs.map(\.process).joined(separator: ", ")
    }

    private func describe(_ chunk: ChunkRecord, workers: [WorkerRecord]) -> String {
        let bounds =
            "after \(chunk.lowerBound?.serialized ?? "start") through \(chunk.upperBound?.serialized ?? "end")"
        let holder = workers.first { $0.id == chunk.claimedBy && !chunk.isDone }.map { ", \($0.label)" } ?? ""
        guard !chunk.isDone else {
            return "chunk \(chunk.id) (\(bounds)): done, \(DisplayFormat.counted(chunk.processed, "row"))"
        }
        return "chunk \(chunk.id) (\(bounds)): open, " + Formatting.progress(chunk.processed, of: chunk.estimate)
            + holder
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
