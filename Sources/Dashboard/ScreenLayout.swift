/// How many lines each part of the screen gets, by priority: the title, overall and footer lines always; then the
/// status line, two body lines, one message, the rest of the body, the rules, more messages; leftovers pad the body.
struct ScreenLayout: Equatable {
    /// Whether the driver and throttle line is shown.
    var showsStatus = false
    /// Lines for the step list or the help overlay.
    var body = 0
    /// Messages shown.
    var messages = 0
    /// Whether rules frame the body.
    var showsRules = false

    /// The most messages shown, however tall the terminal.
    static let messageCap = 8

    /// Shares `height` lines between a body that wants `bodyWanted` lines and `messageCount` messages.
    init(height: Int, bodyWanted: Int, messageCount: Int) {
        var free = height - 3
        showsStatus = free >= 2
        if showsStatus { free -= 1 }
        body = max(0, min(bodyWanted, 2, free))
        free -= body
        messages = max(0, min(messageCount, 1, free))
        free -= messages
        let more = max(0, min(bodyWanted - body, free))
        body += more
        free -= more
        showsRules = free >= 2
        if showsRules { free -= 2 }
        let extra = max(0, min(messageCount - messages, Self.messageCap - messages, free))
        messages += extra
        free -= extra
        body += max(0, free)
    }
}
