/// Text attributes as SGR escape sequences, or nothing at all when colour is off (`NO_COLOR`, tests).
struct Style: Sendable {
    /// Whether any escape sequence may be written.
    let enabled: Bool

    /// Bold.
    func bold(_ text: String) -> String { sgr("1", text) }
    /// Faint.
    func dim(_ text: String) -> String { sgr("2", text) }
    /// Red, bold: errors and failures.
    func red(_ text: String) -> String { sgr("1;31", text) }
    /// Green: done and drained.
    func green(_ text: String) -> String { sgr("32", text) }
    /// Yellow: paused, throttled, stopping.
    func yellow(_ text: String) -> String { sgr("33", text) }
    /// Cyan: the head step.
    func cyan(_ text: String) -> String { sgr("36", text) }
    /// Foreground and background swapped: key caps and the state badge.
    func reverse(_ text: String) -> String { sgr("7", text) }

    /// `text` wrapped in one attribute and a reset; styles are never nested, so one reset ends each.
    private func sgr(_ code: String, _ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
