import ArgumentParser
import BatchEngine

/// A duration on the command line, as `batchrun` takes it: a number with `ms`, `s`, `m` or `h` (`250ms`, `1.5m`).
struct DurationOption: ExpressibleByArgument, Sendable {
    /// The duration.
    let duration: Duration

    /// A default value.
    init(_ duration: Duration) {
        self.duration = duration
    }

    /// Parses `250ms`, `90s`, `1.5m`, `1h`.
    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        guard let (suffix, scale) = units.first(where: { argument.hasSuffix($0.0) }),
            let value = Double(argument.dropLast(suffix.count)), value >= 0, value.isFinite
        else { return nil }
        duration = .seconds(value * scale)
    }

    /// How `--help` shows the default.
    var defaultValueDescription: String {
        "\(Int((duration.seconds * 1000).rounded()))ms"
    }
}
