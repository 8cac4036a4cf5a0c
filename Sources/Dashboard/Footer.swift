/// The bottom line: the keys that work now, or the prompt the state carries (how to exit once the run ended).
enum Footer {
    /// Renders the footer in `state.width` columns.
    static func line(_ state: DashboardState, style: Style) -> String {
        if let prompt = state.prompt { return style.bold(prompt.fitted(to: state.width)) }
        let hints = hints(state)
        var line = LineBuilder(limit: state.width)
        let capWidth = style.enabled ? 2 : 0
        let full = hints.map { $0.key.count + capWidth + 1 + $0.label.count }.reduce(0, +) + 2 * (hints.count - 1)
        guard full <= state.width else {
            line.append(hints.map(\.key).joined(separator: " "))
            return line.text
        }
        for (index, hint) in hints.enumerated() {
            if index > 0 { line.append("  ") }
            line.append(style.enabled ? " \(hint.key) " : hint.key, style.reverse)
            line.append(" " + hint.label)
        }
        return line.text
    }

    /// The keys and what they do in this state.
    private static func hints(_ state: DashboardState) -> [(key: String, label: String)] {
        let pause = (key: "p", label: state.runState == .paused ? "resume" : "pause")
        let throttle = (key: "+/-", label: "throttle")
        let help = (key: "?", label: state.showsHelp ? "close help" : "help")
        guard state.driver.isAttached else { return [pause, throttle, (key: "q", label: "stop"), help] }
        return [pause, throttle, (key: "S", label: "stop runner"), (key: "q", label: "detach"), help]
    }
}
