import BatchEngine

/// The overall line: `overall ████████░░░░ 62%  5/8 steps  ETA 1m03s+`, shorter on narrow terminals.
///
/// The ETA counts the work left of the steps with a known total at the head step's rate; a `+` says that steps
/// without a total yet come on top.
enum OverallLine {
    /// The widest bar.
    static let maximumBar = 50

    /// Renders the queue's progress in `width` columns.
    static func line(_ steps: [DashboardState.Step], width: Int, style: Style) -> String {
        let overall = OverallProgress(steps: steps)
        let percent = "\(Int((overall.fraction * 100).rounded(.down)))%"
        let counted = "\(overall.stepsDone)/\(overall.stepCount)"
        let eta = overall.stepsDone == overall.stepCount ? nil : DisplayFormat.duration(overall.secondsLeft)
        let plus = overall.isLowerBound && overall.secondsLeft != nil ? "+" : ""
        let label = "overall "
        let tails = [
            " " + percent.leftPadded(to: 4) + "  \(counted) steps" + (eta.map { "  ETA \($0)\(plus)" } ?? ""),
            " " + percent + " " + counted + (eta.map { " \($0)\(plus)" } ?? ""),
        ]
        var line = LineBuilder(limit: width)
        line.append(label, style.bold)
        for (tail, minimumBar) in zip(tails, [10, 6]) where width - label.count - tail.count >= minimumBar {
            let bar = ProgressBar(fraction: overall.fraction, width: min(maximumBar, width - label.count - tail.count))
            bar.append(to: &line, paint: style.green)
            line.append(tail)
            return line.text
        }
        line.append(String(tails[1].dropFirst()))
        return line.text
    }
}
