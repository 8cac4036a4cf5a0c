import Foundation

/// Number formatting for the printed tables.
enum Format {
    /// A rate such as `9.12 M rows/s`.
    static func rate(_ rowsPerSecond: Double) -> String {
        if rowsPerSecond >= 1e6 { return String(format: "%.2f M rows/s", rowsPerSecond / 1e6) }
        return String(format: "%.0f k rows/s", rowsPerSecond / 1e3)
    }

    /// A duration given in seconds, as milliseconds below a second: `850 ms`, `1.23 s`.
    static func seconds(_ seconds: Double?) -> String {
        guard let seconds else { return "n/a" }
        return seconds < 1 ? milliseconds(seconds * 1000) : String(format: "%.2f s", seconds)
    }

    /// A duration given in milliseconds: `12.3 ms`.
    static func milliseconds(_ milliseconds: Double?) -> String {
        guard let milliseconds else { return "n/a" }
        return milliseconds < 100 ? String(format: "%.1f ms", milliseconds) : String(format: "%.0f ms", milliseconds)
    }

    /// A ratio such as `0.45x`.
    static func ratio(_ ratio: Double?) -> String {
        ratio.map { String(format: "%.2fx", $0) } ?? "n/a"
    }

    /// Megabytes such as `14.2 MB`.
    static func megabytes(_ megabytes: Double?) -> String {
        megabytes.map { String(format: "%.1f MB", $0) } ?? "n/a"
    }

    /// A fraction as a percentage such as `91.3 %`.
    static func percent(_ fraction: Double?) -> String {
        fraction.map { String(format: "%.1f %%", $0 * 100) } ?? "n/a"
    }

    /// An integer with thousands separators: `1,000,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A row count in short form: `15.2k`, `1.50m`.
    static func rows(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2fm", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1fk", value / 1e3) }
        return String(format: "%.0f", value)
    }

    /// `yes` or `NO`.
    static func yes(_ value: Bool) -> String {
        value ? "yes" : "NO"
    }

    /// A byte count such as `512 B`, `12.3 kB` or `4.56 MB`.
    static func bytes(_ count: Int) -> String {
        let value = Double(count)
        if value >= 1e6 { return String(format: "%.2f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f kB", value / 1e3) }
        return "\(count) B"
    }

    /// Bytes per row such as `123 B/row`.
    static func bytesPerRow(_ value: Double) -> String {
        String(format: "%.0f B/row", value)
    }
}
