import ArgumentParser

/// A table size chosen with `--rows`: a row count written like `100k`, `1m` or `10m`.
struct TableSize: ExpressibleByArgument, Hashable, Comparable, Sendable {
    /// The sizes measured when `--rows` is not given.
    static let defaults = [TableSize(rows: 100_000), TableSize(rows: 1_000_000)]

    /// The number of rows.
    let rows: Int

    /// Creates a size of `rows` rows.
    init(rows: Int) {
        self.rows = rows
    }

    /// Parses `100k`, `1m`, `10m` or a plain count such as `250000`.
    init?(argument: String) {
        let text = argument.lowercased()
        let multiplier =
            switch text.last {
            case "k": 1_000
            case "m": 1_000_000
            default: 1
            }
        let digits = multiplier == 1 ? Substring(text) : text.dropLast()
        guard let count = Int(digits), count > 0, count <= 1_000_000_000 / multiplier else { return nil }
        rows = count * multiplier
    }

    /// The size in the short form the command line uses, e.g. `1m`.
    var label: String {
        if rows % 1_000_000 == 0 { return "\(rows / 1_000_000)m" }
        if rows % 1_000 == 0 { return "\(rows / 1_000)k" }
        return "\(rows)"
    }

    /// Orders sizes by row count.
    static func < (lhs: TableSize, rhs: TableSize) -> Bool {
        lhs.rows < rhs.rows
    }
}
