import Dashboard
import Foundation

extension SessionModel {
    /// The dashboard state of one frame of `size`; while paused, no step shows a rate or an ETA.
    func frame(size: Terminal.Size, colour: Bool, showsHelp: Bool, now: Date) -> DashboardState {
        let elapsed = startedAt.map { (endedAt ?? now).timeIntervalSince($0) } ?? 0
        var shown = self
        if control.paused { shown.forgetRates() }
        return DashboardState(
            database: database, driver: driver, runState: runState, throttle: throttle,
            throttleReason: throttleReason, steps: shown.steps,
            workers: localWorkers.lines(control: control) + watchedWorkers.lines, messages: messages,
            elapsed: .seconds(max(0, elapsed)), width: size.width, height: size.height, colour: colour,
            showsHelp: showsHelp, prompt: outcome == nil ? nil : "\(runState.rawValue) · press any key to exit")
    }
}
