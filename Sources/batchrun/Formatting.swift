import BatchEngine

/// The CLI's own formats, beyond the shared `DisplayFormat`.
enum Formatting {
    /// A duration in milliseconds, one decimal.
    static func milliseconds(_ duration: Duration) -> String {
        String(Double(Int(duration.seconds * 10_000)) / 10) + " ms"
    }

    /// `processed / total (pct%)`, or just `processed` without a total; safe for any counts a state row holds.
    static func progress(_ processed: Int, of total: Int?) -> String {
        guard let total, total > 0 else { return DisplayFormat.count(processed) }
        let percent = Int(min(100, Double(processed) / Double(total) * 100))
        return "\(DisplayFormat.count(processed))/\(DisplayFormat.count(total)) (\(percent)%)"
    }
}
