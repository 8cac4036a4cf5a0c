/// How many lines each part of the screen gets, by priority: the title, overall and footer lines always; then the
/// status line, two body lines, one message, the workers (up to `workerCap`), the rest of the body, the rules, more
/// messages, the workers past the cap; leftovers pad the body (below the workers, so they stay under the steps).
struct ScreenLayout: Equatable {
    /// Whether the driver and throttle line is shown.
    var showsStatus = false
    /// Lines for the step list or the help overlay.
    var body = 0
    /// Lines for the workers section.
    var workers = 0
    /// Messages shown.
    var messages = 0
    /// Whether rules frame the body (and part it from the workers).
    var showsRules = false

    /// The most messages shown, however tall the terminal.
    static let messageCap = 8
    /// The most worker lines given room before the rest of the body.
    static let workerCap = 8

    /// Shares `height` lines between a body that wants `bodyWanted` lines, `workersWanted` worker lines and
    /// `messageCount` messages.
    init(height: Int, bodyWanted: Int, workersWanted: Int, messageCount: Int) {
        var free = height - 3
        showsStatus = free >= 2
        if showsStatus { free -= 1 }
        body = max(0, min(bodyWanted, 2, free))
        free -= body
        messages = max(0, min(messageCount, 1, free))
        free -= messages
        workers = max(0, min(workersWanted, Self.workerCap, free))
        free -= workers
        let more = max(0, min(bodyWanted - body, free))
        body += more
        free -= more
        let rules = workers > 0 ? 3 : 2
        showsRules = free >= rules
        if showsRules { free -= rules }
        let extra = max(0, min(messageCount - messages, Self.messageCap - messages, free))
        messages += extra
        free -= extra
        let moreWorkers = max(0, min(workersWanted - workers, free))
        workers += moreWorkers
        free -= moreWorkers
        body += max(0, free)
    }
}
