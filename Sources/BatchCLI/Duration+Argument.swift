import ArgumentParser
import BatchEngine

extension Duration: @retroactive ExpressibleByArgument {
    /// Reads a duration option: `250ms`, `90s`, `1.5m` or `1h`.
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}
