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
        switch event {
        case .progress(let progress):
            write("\r\u{1B}[2K  \(DisplayFormat.printable(line(for: progress)))")
            liveLineShown = true
        default:
            if liveLineShown { write("\r\u{1B}[2K") }
            liveLineShown = false
            if let text = Self.text(for: event) { write(DisplayFormat.printable(text) + "\n") }
        }
    }

    private func showPlain(_ event: RunEvent) {
        if case .progress(let progress) = event {
            let now = clock.now
            if let last = lastPlainLine, now - last < plainInterval { return }
            lastPlainLine = now
            write("  \(DisplayFormat.printable(line(for: progress)))\n")
        } else if let text = Self.text(for: event) {
            write(DisplayFormat.printable(text) + "\n")
        }
    }

    private func line(for progress: StepProgress) -> String {
        "\(progress.step)  \(Formatting.progress(progress.processed, of: progress.total))"
            + "  \(DisplayFormat.rate(progress.rate))  ETA \(DisplayFormat.duration(progress.secondsLeft))"
    }

    private static func text(for event: RunEvent) -> String? {
        switch event {
        case .runStarted(let start):
            return "run \(start.runID): \(start.pending.count) steps pending"
        case .stepStarted(let progress):
            let resume = progress.cursor.map { " (resuming after \($0.serialized))" } ?? ""
            return "▸ \(progress.step)\(resume)"
        case .progress:
            return nil
        case .stepFinished(let progress):
            return "✓ \(progress.step)  \(DisplayFormat.count(progress.processed)) rows"
        case .stepFailed(let failure):
            return "✗ \(failure.step) failed: \(failure.message)" + (failure.location.map { "\n  at \($0)" } ?? "")
        case .controlChanged(let control):
            return control.paused ? "‖ paused" : "▸ running" + (control.throttle.map { ", throttle \($0)" } ?? "")
        case .notice(let message):
            return "  \(message)"
        case .runFinished(let summary):
            return "\(summary.message); \(DisplayFormat.count(summary.processed)) rows in "
                + "\(DisplayFormat.duration(summary.elapsed.seconds)), \(summary.ranges.count) ranges, longest "
                + Formatting.milliseconds(summary.ranges.longest)
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
