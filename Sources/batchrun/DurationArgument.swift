import ArgumentParser

/// A duration on the command line: a number with a unit, `ms`, `s`, `m` or `h` (`90s`, `1.5m`, `250ms`).
struct DurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        guard let (suffix, scale) = units.first(where: { argument.hasSuffix($0.0) }),
            let value = Double(argument.dropLast(suffix.count)), value >= 0, value.isFinite
        else { return nil }
        duration = .seconds(value * scale)
    }

    var defaultValueDescription: String {
        "\(duration.seconds)s"
    }
}
