import BatchEngine

/// The whole queue's progress: steps done, a step-weighted fraction, and an ETA at the head step's rate.
struct OverallProgress {
    /// Steps done.
    let stepsDone: Int
    /// Steps planned.
    let stepCount: Int
    /// The mean of the steps' fractions, from 0 to 1.
    let fraction: Double
    /// Seconds until every known unit is done at the head step's rate; `nil` when that rate is unknown.
    let secondsLeft: Double?
    /// Whether a step not done yet has no total, so the ETA counts only part of the work left.
    let isLowerBound: Bool

    /// Sums up `steps`.
    init(steps: [DashboardState.Step]) {
        let unfinished = steps.filter { $0.status != .done }
        stepCount = steps.count
        stepsDone = steps.count - unfinished.count
        fraction = steps.isEmpty ? 0 : steps.map(\.fraction).reduce(0, +) / Double(steps.count)
        isLowerBound = unfinished.contains { $0.total == nil }
        let remaining = unfinished.compactMap { step in step.total.map { max(0, $0 - step.processed) } }.saturatingSum
        if let rate = unfinished.first?.rate, rate > 0 {
            secondsLeft = Double(remaining) / rate
        } else {
            secondsLeft = nil
        }
    }
}
