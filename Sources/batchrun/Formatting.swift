/// Number and duration formats shared by the CLI's outputs.
enum Formatting {
    /// `1234567` as `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A rate as `412k/s`.
    static func rate(_ perSecond: Double?) -> String {
        guard let perSecond else { return "-" }
        switch perSecond {
        case 1_000_000...: return "\(Int(perSecond / 1_000_000))M/s"
        case 10_000...: return "\(Int(perSecond / 1_000))k/s"
        default: return "\(Int(perSecond))/s"
        }
    }

    /// Seconds as `4s`, `3m12s` or `1h05m`.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(pad(whole % 60))s" }
        return "\(whole / 3600)h\(pad(whole / 60 % 60))m"
    }

    /// A duration in milliseconds, one decimal.
    static func milliseconds(_ duration: Duration) -> String {
        String(Double(Int(duration.seconds * 10_000)) / 10) + " ms"
    }

    /// `processed / total (pct%)`, or just `processed` without a total.
    static func progress(_ processed: Int, of total: Int?) -> String {
        guard let total, total > 0 else { return count(processed) }
        let percent = min(100, processed * 100 / total)
        return "\(count(processed))/\(count(total)) (\(percent)%)"
    }

    /// `text` with control characters shown as `?`: state rows and database messages are not trusted, and must
    /// not move the cursor or recolour the user's terminal.
    static func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.value < 0x20 && scalar != "\n" || (0x7F...0x9F).contains(scalar.value) ? "?" : scalar
                }))
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
