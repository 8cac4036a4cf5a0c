extension String {
    /// The text cut to at most `width` columns, its last kept column replaced by `…` when cut.
    ///
    /// A column is a `Character`: the dashboard assumes ids and messages hold no double-width characters.
    func fitted(to width: Int) -> String {
        guard count > width else { return self }
        guard width > 1 else { return String(prefix(max(width, 0))) }
        return prefix(width - 1) + "…"
    }

    /// The text cut to at most `width` columns from the left, keeping its end: `…/updates/app.sqlite`.
    func fittedFromStart(to width: Int) -> String {
        guard count > width else { return self }
        guard width > 1 else { return String(suffix(max(width, 0))) }
        return "…" + suffix(width - 1)
    }

    /// The text fitted to `width` columns and padded with spaces on the left to exactly `width`.
    func leftPadded(to width: Int) -> String {
        let fitted = fitted(to: width)
        return String(repeating: " ", count: max(0, width - fitted.count)) + fitted
    }

    /// The text without trailing spaces; escape sequences end in `m`, so a styled ending is never cut.
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
