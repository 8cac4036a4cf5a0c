extension Int {
    /// `self + other`, held at `Int.max` (or `Int.min`) instead of overflowing: counts read from the state tables are
    /// not trusted, and a crafted count near `Int.max` must not trap.
    public func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other < 0 ? .min : .max
    }
}

extension Sequence<Int> {
    /// The sum, held at `Int.max` instead of overflowing.
    public var saturatingSum: Int {
        reduce(0) { $0.addingSaturating($1) }
    }
}
