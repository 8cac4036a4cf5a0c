import BatchEngine

/// How the columns of the workers section share the width: mark, label, task, rate and what the worker does,
/// dropping the rate and shortening labels and tasks as the terminal narrows.
struct WorkerColumns: Equatable {
    /// Columns of the label.
    let labelWidth: Int
    /// Columns of the task: the step and chunk.
    let taskWidth: Int
    /// Whether the rate column is shown.
    let showsRate: Bool

    /// Columns of the rate, right-aligned: `412k/s`.
    static let rateWidth = 7
    /// The fewest columns kept for what a worker does: `throttled`.
    static let activityMinimum = 9
    /// The fewest columns a task is cut to.
    static let taskMinimum = 8

    /// Picks the richest layout of `workers` that fits `width`.
    init(workers: [DashboardState.Worker], width: Int) {
        let cap = max(8, width / 3)
        let labelWidth = workers.map { Self.label(of: $0, fitting: cap).count }.max() ?? 0
        let longestTask = workers.map { Self.task(of: $0).count }.max() ?? 1
        for rate in [true, false] {
            let room = width - 2 - labelWidth - 1 - (rate ? 1 + Self.rateWidth : 0) - 1 - Self.activityMinimum
            guard room >= min(longestTask, Self.taskMinimum) else { continue }
            self.init(labelWidth: labelWidth, taskWidth: min(longestTask, room), showsRate: rate)
            return
        }
        self.init(labelWidth: labelWidth, taskWidth: min(longestTask, Self.taskMinimum), showsRate: false)
    }

    /// A layout with these widths.
    private init(labelWidth: Int, taskWidth: Int, showsRate: Bool) {
        self.labelWidth = labelWidth
        self.taskWidth = taskWidth
        self.showsRate = showsRate
    }

    /// `0004_backfill_slugs #3`, the step cut before its chunk to fit `width`; `-` for a worker without a step.
    static func task(of worker: DashboardState.Worker, fitting width: Int = .max) -> String {
        guard let step = worker.step else { return "-" }
        let chunk = worker.chunk.map { " #\($0)" } ?? ""
        guard step.count + chunk.count > width else { return step + chunk }
        guard width - chunk.count >= 4 else { return (step + chunk).fitted(to: width) }
        return step.fitted(to: width - chunk.count) + chunk
    }

    /// The worker's label fitted to `width`: the host cut first, then `pid N wK`, then `N wK`, keeping the name.
    static func label(of worker: DashboardState.Worker, fitting width: Int) -> String {
        let label = worker.label
        guard label.count > width, let process = worker.process else { return label.fitted(to: width) }
        let tail = " pid \(process.pid) \(worker.name)"
        let host = DisplayFormat.printable(process.host, singleLine: true)
        if width - tail.count >= 4 { return host.fitted(to: width - tail.count) + tail }
        let short = "pid \(process.pid) \(worker.name)"
        return (short.count <= width ? short : "\(process.pid) \(worker.name)").fitted(to: width)
    }
}
