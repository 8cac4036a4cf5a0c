import ArgumentParser
import BatchEngine

/// The option that names the folders of update files.
public struct UpdateFolders: ParsableArguments {
    /// The folders, in order.
    @Option(name: .long, help: "A folder of NNNN_description.sql update files; repeat for several.")
    public var updates: [String] = ["updates"]

    /// Creates the option with its default, `updates`.
    public init() {}

    /// The update files as steps.
    public func steps() throws -> [any Step] {
        try UpdateLoader.load(directories: updates)
    }
}
