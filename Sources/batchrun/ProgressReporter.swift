import BatchEngine
import Foundation

/// Shows a run's events: one JSON object per line, a live line on a terminal, or plain lines every few seconds
/// when standard output is not a terminal (CI logs).
final class ProgressReporter {
    enum Mode {
        case json
        case live
        case plain
    }

    private let mode: Mode
    private let plainInterval: Duration
    private let clock = ContinuousClock()
    private var lastPlainLine: ContinuousClock.Instant?
    private var liveLineShown = false
    /// The latest progress of each step, over its workers, for the plain lines.
    private var latest: [String: StepProgress] = [:]
    /// Steps whose start was shown: a step split into chunks starts once, not once per chunk.
    private var announced: Set<String> = []

    init(mode: Mode, plainInterval: Duration) {
        self.mode = mode
        self.plainInterval = plainInterval
    }

    /// Shows one event.
    func show(_ event: RunEvent) {
        switch mode {
        case .json: write(EventJSON.object(for: event).rendered + "\n")
        case .live: showLive(event)
        case .plain: showPlain(event)
        }
    }

    /// Shows an error that ended the command before or outside a run.
    func show(_ error: BatchError) {
        guard mode == .json else { return }
        let event: JSONValue = .object([
            ("event", .string("error")), ("exit_code", .integer(Int(error.status.rawValue))),
            ("message", .string(error.message)), ("file", .string(error.location?.file)),
            ("line", .integer(error.location?.line)), ("step", .string(error.step)),
        ])
        write(event.rendered + "\n")
    }

    private func showLive(_ event: RunEvent) {
        if case .progress(let progress) = event {
            latest[progress.step] = progress
            write("\r\u{1B}[2K  \(DisplayFormat.printable(line(for: progress)))")
            liveLineShown = true
            return
        }
        guard let text = text(for: event) else { return }
        if liveLineShown { write("\r\u{1B}[2K") }
        liveLineShown = false
        write(DisplayFormat.printable(text) + "\n")
    }

    private func showPlain(_ event: RunEvent) {
        if case .progress(let progress) = event {
            latest[progress.step] = progress
            let now = clock.now
            if let last = lastPlainLine, now - last < plainInterval { return }
            lastPlainLine = now
            for step in latest.keys.sorted() {
                if let progress = latest[step] { write("  \(DisplayFormat.printable(line(for: progress)))\n") }
            }
        } else if let text = text(for: event) {
            write(DisplayFormat.printable(text) + "\n")
        }
    }

    private func line(for progress: StepProgress) -> String {
        "\(progress.step)  \(Formatting.progress(progress.processed, of: progress.total))"
            + "  \(DisplayFormat.rate(progress.rate))  ETA \(DisplayFormat.duration(progress.secondsLeft))"
    }

    private func text(for event: RunEvent) -> String? {
        switch event {
        case .runStarted(let start):
            return "run \(start.runID): \(DisplayFormat.counted(start.pending.count, "step")) pending"
                + (start.workers > 1 ? ", \(start.workers) workers" : "")
        case .stepStarted(let progress):
            guard announced.insert(progress.step).inserted else { return nil }
            let resume = progress.cursor.map { " (resuming after \($0.serialized))" } ?? ""
            return "▸ \(progress.step)\(resume)"
        case .progress:
            return nil
        case .stepFinished(let progress):
            latest[progress.step] = nil
            return "✓ \(progress.step)  \(DisplayFormat.counted(progress.processed, "row"))"
        case .stepFailed(let failure):
            return "✗ \(failure.step) failed: \(failure.message)" + (failure.location.map { "\n  at \($0)" } ?? "")
        case .controlChanged(let control):
            if let reason = control.stopReason { return "■ \(reason)" }
            return control.paused
                ? "‖ paused" : "▸ running" + (control.throttle.map { ", throttle \(DisplayFormat.throttle($0))" } ?? "")
        case .throttled(_, let reason):
            return reason.map { "‖ throttled: \($0)" } ?? "▸ throttle signals clear; running"
        case .notice(let worker, let message):
            return "  " + (worker.map { "\($0): " } ?? "") + message
        case .runFinished(let summary):
            return "\(summary.message); \(DisplayFormat.counted(summary.processed, "row")) in "
                + "\(DisplayFormat.elapsed(summary.elapsed.seconds)), \(DisplayFormat.counted(summary.ranges.count, "range"))"
                + (summary.ranges.count > 0 ? ", longest " + Formatting.milliseconds(summary.ranges.longest) : "")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
