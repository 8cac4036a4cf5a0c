/// A bar of `█` cells for the done part and `░` cells for the rest.
struct ProgressBar {
    /// The done part.
    let filled: String
    /// The part left.
    let empty: String

    /// A bar `width` cells wide showing `fraction` (clamped to 0...1), rounded down so a bar is full only when done.
    init(fraction: Double, width: Int) {
        let width = max(width, 0)
        let fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let cells = min(width, Int((fraction * Double(width)).rounded(.down)))
        filled = String(repeating: "█", count: cells)
        empty = String(repeating: "░", count: width - cells)
    }

    /// Appends the bar to `line`, its done part styled by `paint`.
    func append(to line: inout LineBuilder, paint: (String) -> String) {
        line.append(filled, paint)
        line.append(empty)
    }
}
