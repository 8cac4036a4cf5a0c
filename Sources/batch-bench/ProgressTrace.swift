/// When a step's committed `processed` count changed, as seen by polling: the points (time since spawn, rows).
struct ProgressTrace {
    /// One observed change of the committed count.
    struct Point {
        /// Seconds since the process was spawned.
        var time: Double
        /// Rows committed by then.
        var processed: Int
    }

    /// The observed changes, in time order, each count larger than the one before.
    private(set) var points: [Point] = []

    /// Creates an empty trace.
    init() {}

    /// Records `processed` seen at `time`, keeping it only when the count changed.
    mutating func record(_ processed: Int, at time: Double) {
        guard processed > (points.last?.processed ?? 0) else { return }
        points.append(Point(time: time, processed: processed))
    }

    /// The counts at which a range committed (as far as polling saw), excluding the last, in order.
    var intermediateCounts: [Int] {
        points.dropLast().map(\.processed)
    }

    /// Estimates when the run's work had reached row number `processed`.
    ///
    /// A commit publishes a whole range at once, so the committed count is a staircase; the rows inside a range were
    /// worked on between the commit before it and its own commit. Interpolating linearly between the two commits
    /// that bracket `processed` estimates when the work passed that row; the poll interval bounds the error of each
    /// commit's time. Before the first observed commit the run is assumed to start from 0 rows at spawn time.
    func time(reaching processed: Int) -> Double? {
        guard let index = points.firstIndex(where: { $0.processed >= processed }) else { return nil }
        let after = points[index]
        let before = index > 0 ? points[index - 1] : Point(time: 0, processed: 0)
        guard after.processed > before.processed else { return after.time }
        let fraction = Double(processed - before.processed) / Double(after.processed - before.processed)
        return before.time + fraction * (after.time - before.time)
    }
}
