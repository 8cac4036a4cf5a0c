/// The message lines: the latest messages, oldest first; errors marked `!` and shown in red.
enum MessageLog {
    /// The last `count` messages of `state`, fitted to its width.
    static func lines(_ state: DashboardState, count: Int, style: Style) -> [String] {
        state.messages.suffix(count).map { message in
            let text = message.text
            guard message.isError else { return ("  " + text).fitted(to: state.width) }
            return style.red(("! " + text).fitted(to: state.width))
        }
    }
}
