import BatchEngine

/// The workers section: one line per worker with what it holds, its rate, what it does and how long ago it last
/// proved alive; stale and gone workers marked. When the lines do not fit, the last one says how many more there
/// are.
enum WorkerList {
    /// Lines the section would take with room for everything: one per worker.
    static func linesWanted(_ workers: [DashboardState.Worker]) -> Int {
        workers.count
    }

    /// Renders the workers of `state` that fit in `count` lines; when they do not all fit, the last line sums up
    /// the rest: `… 3 more workers: 2 throttled, 1 gone` (or all of them in one line: `5 workers: 1 running, ...`).
    static func lines(_ state: DashboardState, count: Int, style: Style) -> [String] {
        guard count > 0 else { return [] }
        let workers = state.workers
        let columns = WorkerColumns(workers: workers, width: state.width)
        let shown = workers.count > count ? count - 1 : workers.count
        let lines = workers.prefix(shown).map { line($0, columns: columns, width: state.width, style: style) }
        guard shown < workers.count else { return lines }
        let rest = workers.dropFirst(shown)
        let head = shown == 0 ? "  \(rest.count) workers: " : "  … \(rest.count) more workers: "
        return lines + [(head + summary(of: rest)).fitted(to: state.width)]
    }

    /// `1 running, 2 throttled, 1 gone`: how many of `workers` do what, in a fixed order.
    static func summary(of workers: some Collection<DashboardState.Worker>) -> String {
        let kinds = workers.map(kind)
        let order = ["running", "idle", "paused", "throttled", "other", "stale", "gone"]
        return order.compactMap { name in
            let count = kinds.count { $0 == name }
            return count == 0 ? nil : "\(count) \(name)"
        }.joined(separator: ", ")
    }

    /// The word `summary(of:)` counts a worker under.
    private static func kind(_ worker: DashboardState.Worker) -> String {
        switch (worker.health, worker.activity) {
        case (.gone, _): "gone"
        case (.stale, _): "stale"
        case (.live, .running): "running"
        case (.live, .idle): "idle"
        case (.live, .paused): "paused"
        case (.live, .throttled): "throttled"
        case (.live, .other): "other"
        }
    }

    /// `▸ host pid 40 w2  0004_backfill_slugs #3  142k/s running · 1s ago`.
    private static func line(
        _ worker: DashboardState.Worker, columns: WorkerColumns, width: Int, style: Style
    ) -> String {
        var line = LineBuilder(limit: width)
        let (mark, paint) = mark(of: worker, style: style)
        line.append(mark, paint)
        line.append(" " + WorkerColumns.label(of: worker, fitting: columns.labelWidth))
        line.pad(to: 2 + columns.labelWidth)
        line.append(" " + WorkerColumns.task(of: worker, fitting: columns.taskWidth))
        line.pad(to: 2 + columns.labelWidth + 1 + columns.taskWidth)
        if columns.showsRate {
            let rate = worker.health == .live && worker.activity == .running ? DisplayFormat.rate(worker.rate) : ""
            line.append(" " + rate.leftPadded(to: WorkerColumns.rateWidth))
        }
        line.append(" ")
        appendActivity(of: worker, to: &line, width: width, style: style)
        return line.text.trimmingTrailingSpaces()
    }

    /// What the worker does, then its heartbeat's age when that fits: `running · 1s ago`, `stale 41s · paused`,
    /// `gone`; a throttled worker's reason goes before its age when both do not fit.
    private static func appendActivity(
        of worker: DashboardState.Worker, to line: inout LineBuilder, width: Int, style: Style
    ) {
        let activity = DisplayFormat.printable(worker.activity.text, singleLine: true)
        let age = worker.heartbeatAge.map(DisplayFormat.duration)
        switch worker.health {
        case .gone:
            line.append("gone", style.red)
        case .stale:
            line.append("stale" + (age.map { " \($0)" } ?? ""), style.red)
            line.append(" · " + activity)
        case .live:
            let room = width - line.width
            let paint = isHeld(worker.activity) ? style.yellow : { $0 }
            let suffix = age.map { " · \($0) ago" } ?? ""
            let short = if case .throttled = worker.activity { "throttled" } else { activity }
            let text = [activity, short].first { $0.count + suffix.count <= room }
            line.append(text ?? (activity.count <= room ? activity : short), paint)
            if text != nil { line.append(suffix, style.dim) }
        }
    }

    /// The mark before a worker: `▸` walking, `·` idle, `‖` paused or throttled, `?` stale, `✗` gone.
    private static func mark(
        of worker: DashboardState.Worker, style: Style
    ) -> (String, (String) -> String) {
        switch worker.health {
        case .gone: return ("✗", style.red)
        case .stale: return ("?", style.red)
        case .live: break
        }
        switch worker.activity {
        case .running: return ("▸", style.cyan)
        case .paused, .throttled: return ("‖", style.yellow)
        case .idle, .other: return ("·", style.dim)
        }
    }

    /// Whether the activity holds ranges back.
    private static func isHeld(_ activity: DashboardState.Worker.Activity) -> Bool {
        switch activity {
        case .paused, .throttled: true
        case .running, .idle, .other: false
        }
    }
}
