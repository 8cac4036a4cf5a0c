import BatchEngine

/// How the columns of the step list share the width: mark, id, bar, counts, rate and ETA, dropping the rate, the
/// ETA and the bar, in that order, and shortening counts (`512k/1.0M`) as the terminal narrows.
struct StepColumns: Equatable {
    /// Columns of the id.
    let idWidth: Int
    /// Columns of the `processed/total` column.
    let countWidth: Int
    /// Whether counts are short (`512k`) rather than exact (`512,000`).
    let compact: Bool
    /// Cells of the bar; 0 when there is none.
    let barWidth: Int
    /// Whether the rate column is shown.
    let showsRate: Bool
    /// Whether the ETA column is shown.
    let showsETA: Bool

    /// Columns of the rate, right-aligned: `412k/s`.
    static let rateWidth = 7
    /// The widest bar.
    static let maximumBar = 40

    /// Picks the richest layout of `steps` that fits `width`.
    init(steps: [DashboardState.Step], width: Int) {
        let longestID = steps.map(\.id.count).max() ?? 0
        let idWidth = min(longestID, max(10, width * 2 / 5))
        let choices: [(compact: Bool, rate: Bool, eta: Bool, minimumBar: Int)] = [
            (false, true, true, 12), (true, true, true, 8), (true, false, true, 8), (true, false, false, 6),
        ]
        for choice in choices {
            let countWidth = Self.countWidth(steps, compact: choice.compact)
            var fixed = 2 + idWidth + 1 + countWidth
            if choice.rate { fixed += 1 + Self.rateWidth }
            if choice.eta { fixed += 1 + Self.etaWidth(compact: choice.compact) }
            let bar = width - fixed - 1
            guard bar >= choice.minimumBar else { continue }
            self.init(
                idWidth: idWidth, countWidth: countWidth, compact: choice.compact,
                barWidth: min(bar, Self.maximumBar), showsRate: choice.rate, showsETA: choice.eta)
            return
        }
        let countWidth = Self.countWidth(steps, compact: true)
        self.init(
            idWidth: max(4, min(idWidth, width - 3 - countWidth)), countWidth: countWidth, compact: true, barWidth: 0,
            showsRate: false, showsETA: false)
    }

    /// A layout with these widths.
    private init(idWidth: Int, countWidth: Int, compact: Bool, barWidth: Int, showsRate: Bool, showsETA: Bool) {
        self.idWidth = idWidth
        self.countWidth = countWidth
        self.compact = compact
        self.barWidth = barWidth
        self.showsRate = showsRate
        self.showsETA = showsETA
    }

    /// Columns of the ETA: `ETA 59m59s`, or `59m59s` when compact.
    static func etaWidth(compact: Bool) -> Int {
        compact ? 6 : 10
    }

    /// `processed/total`, just `processed` without a total, `-` before anything is known.
    static func counts(of step: DashboardState.Step, compact: Bool) -> String {
        func format(_ value: Int) -> String { compact ? DisplayFormat.compact(value) : DisplayFormat.count(value) }
        if let total = step.total { return format(step.processed) + "/" + format(total) }
        return step.processed == 0 ? "-" : format(step.processed)
    }

    /// `ETA 3m12s` (or `3m12s` when compact) for a running step with an estimate; empty otherwise.
    static func eta(of step: DashboardState.Step, compact: Bool) -> String {
        guard step.status == .running, let seconds = step.secondsLeft else { return "" }
        return (compact ? "" : "ETA ") + DisplayFormat.duration(seconds)
    }

    /// The widest counts of `steps`.
    private static func countWidth(_ steps: [DashboardState.Step], compact: Bool) -> Int {
        steps.map { counts(of: $0, compact: compact).count }.max() ?? 1
    }
}
