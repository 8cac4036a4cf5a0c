/// Turns a `DashboardState` into the lines of one screen; pure, no I/O.
///
/// From the top: the title (database, state, elapsed), who drives, the step list (or the help overlay), the
/// overall progress, the latest messages and the key hints. Each part shrinks or goes as the terminal gets small;
/// see `ScreenLayout` for the order.
public enum DashboardRenderer {
    /// Exactly `state.height` lines (at least one), none wider than `state.width` columns; escape sequences only
    /// when `state.colour` is set.
    public static func render(_ state: DashboardState) -> [String] {
        var state = state
        state.width = max(state.width, 1)
        state.height = max(state.height, 1)
        let style = Style(enabled: state.colour)
        let title = Header.title(state, width: state.width, style: style)
        let footer = Footer.line(state, style: style)
        guard state.height >= 3 else { return Array([title, footer].prefix(state.height)) }

        let bodyWanted =
            state.showsHelp
            ? HelpOverlay.text(attached: state.driver.isAttached).count : StepList.linesWanted(state.steps)
        let layout = ScreenLayout(
            height: state.height, bodyWanted: bodyWanted, workersWanted: WorkerList.linesWanted(state.workers),
            messageCount: state.messages.count)
        let rule = style.dim(String(repeating: "─", count: state.width))
        var lines = [title]
        if layout.showsStatus { lines.append(Header.status(state, width: state.width)) }
        if layout.showsRules { lines.append(rule) }
        let body =
            state.showsHelp
            ? HelpOverlay.lines(state, count: layout.body, style: style)
            : StepList.lines(state, count: layout.body, style: style)
        lines += body
        if layout.showsRules && layout.workers > 0 { lines.append(rule) }
        lines += WorkerList.lines(state, count: layout.workers, style: style)
        lines += Array(repeating: "", count: max(0, layout.body - body.count))
        if layout.showsRules { lines.append(rule) }
        lines.append(OverallLine.line(state.steps, width: state.width, style: style))
        lines += MessageLog.lines(state, count: layout.messages, style: style)
        lines.append(footer)
        return lines
    }

    /// The columns `line` takes on screen: its characters, less the escape sequences the renderer writes.
    public static func visibleWidth(of line: String) -> Int {
        var width = 0
        var inEscape = false
        for character in line {
            if inEscape {
                inEscape = !(character.isLetter)
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
