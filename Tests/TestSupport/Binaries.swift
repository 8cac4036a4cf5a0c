import Foundation

/// The built executables, found next to the test binary (the directory of `/proc/self/exe`, resolved; the command
/// line's first argument may name an xctest wrapper elsewhere).
public enum Binaries {
    /// The build folder.
    public static let directory: String = {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().path
    }()

    /// The headless CLI.
    public static var batchrun: String { directory + "/batchrun" }
    /// The dashboard.
    public static var batchTUI: String { directory + "/batch-tui" }
    /// The benchmark.
    public static var batchBench: String { directory + "/batch-bench" }
}

/// The repository's root folder.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
