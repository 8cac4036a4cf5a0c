import BatchEngine

/// The step list: one row per step, the head step highlighted, and under each split step not done yet a row of its
/// chunks; when the rows do not fit, the finished steps fold into one line and the pending tail into another.
enum StepList {
    /// One line of the list.
    enum Row: Equatable {
        /// The step at this index.
        case step(Int)
        /// The chunks of the step at this index.
        case chunks(Int)
        /// This many finished steps, folded.
        case folded(Int)
        /// This many more steps below, not shown.
        case more(Int)
        /// There are no steps at all.
        case none
    }

    /// Lines the list would take with room for everything: one per step and one per step showing its chunks.
    static func linesWanted(_ steps: [DashboardState.Step]) -> Int {
        max(steps.indices.flatMap { rows(of: $0, in: steps) }.count, 1)
    }

    /// The rows shown in `count` lines: every row when they fit; else the finished steps folded (when there is
    /// room for that line, the head and a last line), the rows left from the head, and how many more steps there
    /// are.
    static func rows(_ steps: [DashboardState.Step], fitting count: Int) -> [Row] {
        guard !steps.isEmpty else { return [.none] }
        let all = steps.indices.flatMap { rows(of: $0, in: steps) }
        if all.count <= count { return all }
        let done = steps.indices.filter { steps[$0].status == .done }
        let left = steps.indices.filter { steps[$0].status != .done }.flatMap { rows(of: $0, in: steps) }
        let folded: [Row] = done.isEmpty || (count < 3 && left.count + 1 > count) ? [] : [.folded(done.count)]
        let shown = folded + left
        if shown.count <= count { return shown }
        if count <= 1 { return Array(shown.prefix(count)) }
        let hidden = shown.dropFirst(count - 1).filter { if case .step = $0 { true } else { false } }
        return Array(shown.prefix(count - 1)) + [.more(hidden.count)]
    }

    /// The step's own row, and its chunks' row when it shows them.
    private static func rows(of index: Int, in steps: [DashboardState.Step]) -> [Row] {
        steps[index].showsChunks ? [.step(index), .chunks(index)] : [.step(index)]
    }

    /// Renders the rows of `state.steps` that fit in `count` lines.
    static func lines(_ state: DashboardState, count: Int, style: Style) -> [String] {
        let columns = StepColumns(steps: state.steps, width: state.width)
        let head = state.headIndex
        return rows(state.steps, fitting: count).map { row in
            switch row {
            case .step(let index):
                line(state.steps[index], isHead: index == head, columns: columns, width: state.width, style: style)
            case .chunks(let index):
                chunkLine(state.steps[index], columns: columns, width: state.width, style: style)
            case .folded(let done):
                style.green("✓") + " \(DisplayFormat.counted(done, "step")) done".fitted(to: state.width - 1)
            case .more(let more):
                "  … \(more) more".fitted(to: state.width)
            case .none:
                "  no update steps".fitted(to: state.width)
            }
        }
    }

    /// `▸ 0004_backfill_slugs ██████░░░░  512,000/1,000,000  412k/s ETA 2s`.
    private static func line(
        _ step: DashboardState.Step, isHead: Bool, columns: StepColumns, width: Int, style: Style
    ) -> String {
        var line = LineBuilder(limit: width)
        switch step.status {
        case .done: line.append("✓", style.green)
        case .failed: line.append("✗", style.red)
        case .pending, .running: isHead ? line.append("▸", style.cyan) : line.append("·", style.dim)
        }
        line.append(" ")
        let id = step.id.fitted(to: columns.idWidth)
        line.append(id, isHead ? style.bold : step.status == .done ? style.dim : { $0 })
        line.pad(to: 2 + columns.idWidth)
        if columns.barWidth > 0 {
            line.append(" ")
            let paint = step.status == .failed ? style.red : step.status == .done ? style.green : style.cyan
            ProgressBar(fraction: step.fraction, width: columns.barWidth).append(to: &line, paint: paint)
        }
        line.append(" " + StepColumns.counts(of: step, compact: columns.compact).leftPadded(to: columns.countWidth))
        if columns.showsRate {
            let rate = step.status == .running ? DisplayFormat.rate(step.rate) : ""
            line.append(" " + rate.leftPadded(to: StepColumns.rateWidth))
        }
        if columns.showsETA { line.append(" " + StepColumns.eta(of: step, compact: columns.compact)) }
        return line.text.trimmingTrailingSpaces()
    }

    /// `    3/8 chunks done         ██▅▁░▃█▂`: the chunks done, then one cell per chunk under the step's bar (or
    /// after the count when there is no bar); the cells go when they do not fit.
    private static func chunkLine(
        _ step: DashboardState.Step, columns: StepColumns, width: Int, style: Style
    ) -> String {
        let done = step.chunks.count { $0.isDone }
        let label = "    \(done)/\(step.chunks.count) chunks done"
        var line = LineBuilder(limit: width)
        line.append(label, style.dim)
        let strip = ChunkStrip(step.chunks)
        let barColumn = 2 + columns.idWidth + 1
        let start = columns.barWidth > 0 && label.count < barColumn ? barColumn : label.count + 2
        guard start + strip.width <= width else { return line.text }
        line.pad(to: start)
        strip.append(to: &line, done: style.green, held: style.cyan)
        return line.text
    }
}
