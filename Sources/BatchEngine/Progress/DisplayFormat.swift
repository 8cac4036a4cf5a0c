/// Number, rate and duration formats that every front end (batchrun, batch-tui) shows progress in.
public enum DisplayFormat {
    /// `1234567` as `1,234,567`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A count and its noun, singular for one: `1 row`, `1,200 rows`, `3 steps`.
    public static func counted(_ value: Int, _ noun: String) -> String {
        "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A short count: `950`, `1.2k`, `512k`, `1.0M`, `12M`.
    public static func compact(_ value: Int) -> String {
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        switch magnitude {
        case ..<1_000: return sign + String(magnitude)
        case ..<10_000: return sign + tenths(magnitude / 100) + "k"
        case ..<1_000_000: return sign + String(magnitude / 1_000) + "k"
        case ..<10_000_000: return sign + tenths(magnitude / 100_000) + "M"
        default: return sign + String(magnitude / 1_000_000) + "M"
        }
    }

    /// A rate as `412k/s`; empty when unknown.
    public static func rate(_ perSecond: Double?) -> String {
        guard let perSecond, perSecond.isFinite, perSecond >= 0 else { return "" }
        return compact(Int(perSecond)) + "/s"
    }

    /// Seconds as `4s`, `3m12s` or `1h05m`; `-` when unknown.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "-" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(pad(whole % 60))s" }
        return "\(whole / 3600)h\(pad(whole / 60 % 60))m"
    }

    /// An elapsed time: `24 ms` under a second, else as `duration(_:)`.
    public static func elapsed(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1 else { return duration(seconds) }
        return "\(Int((seconds * 1000).rounded())) ms"
    }

    /// A throttle as `0.25`, `1`, `4`.
    public static func throttle(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `text` with control characters shown as `?`: state rows and database messages are not trusted, and must
    /// not move the cursor or recolour the user's terminal. Line breaks stay unless `singleLine`, which makes them
    /// spaces.
    public static func printable(_ text: String, singleLine: Bool = false) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    if scalar == "\n" { return singleLine ? " " : scalar }
                    return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "?" : scalar
                }))
    }

    /// `12` tenths as `1.2`.
    private static func tenths(_ value: UInt) -> String {
        "\(value / 10).\(value % 10)"
    }

    /// Two digits: `05`.
    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
