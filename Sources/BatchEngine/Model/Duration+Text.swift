extension Duration {
    /// The duration in seconds, as a double.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// The longest duration `init(parsing:)` reads: a year (`8760h`), beyond any sensible time limit or timeout, and
    /// short enough that every deadline, expiry and conversion made from one stays in range.
    public static let longestParsed: Duration = .seconds(365 * 86_400)

    /// Parses a duration as people write it on a command line: a number and a unit, `ms`, `s`, `m` or `h`
    /// (`250ms`, `90s`, `1.5m`, `1h`), at most `longestParsed`; `nil` for anything else.
    public init?(parsing text: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        guard let (suffix, scale) = units.first(where: { text.hasSuffix($0.0) }),
            let value = Double(text.dropLast(suffix.count)), value >= 0, value * scale <= Self.longestParsed.seconds
        else { return nil }
        self = .seconds(value * scale)
    }
}
