/// The throttle steps the `+` and `-` keys move along: the fraction of each range's duration slept after it.
public enum ThrottleLadder {
    /// From full speed to sleeping four times as long as each range took.
    public static let levels: [Double] = [0, 0.25, 0.5, 1, 2, 4]

    /// The next level above `current`; the top level when already there or above.
    public static func up(from current: Double) -> Double {
        levels.first { $0 > current + 1e-9 } ?? levels[levels.count - 1]
    }

    /// The next level below `current`; full speed when already there.
    public static func down(from current: Double) -> Double {
        levels.last { $0 < current - 1e-9 } ?? levels[0]
    }
}
