import BatchEngine

/// The help text that covers the step list while `?` is on.
enum HelpOverlay {
    /// The help lines for the way the dashboard runs: driving or attached.
    static func text(attached: Bool) -> [String] {
        let levels = ThrottleLadder.levels.map(DisplayFormat.throttle).joined(separator: " ")
        var lines = [
            "Keys",
            "  p       pause or resume, after the current range",
            "  + -     throttle up or down: \(levels)",
        ]
        if attached {
            lines += [
                "  q       detach and exit; the runs watched go on",
                "  Ctrl-C  same as q",
                "  S       ask every run watched to stop after its ranges",
            ]
        } else {
            lines += [
                "  q       stop after the current range; exit 75 (0 if drained)",
                "  Ctrl-C  same as q",
            ]
        }
        return lines + [
            "  ?       close this help",
            "",
            "Pause, resume and throttle are requests in the state tables:",
            "they reach every worker of every process on the queue.",
        ]
    }

    /// The help lines fitted to `count` lines of `width` columns.
    static func lines(_ state: DashboardState, count: Int, style: Style) -> [String] {
        text(attached: state.driver.isAttached).prefix(count).enumerated().map { index, line in
            let fitted = line.fitted(to: state.width)
            return index == 0 ? style.bold(fitted) : fitted
        }
    }
}
