import Foundation

/// The built executables, found next to the test binary (the directory of `/proc/self/exe`, resolved; the
/// command line's first argument may name an xctest wrapper elsewhere).
enum Binaries {
    /// The build directory.
    static let directory: String = {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (me as NSString).deletingLastPathComponent
    }()

    /// The dashboard.
    static var batchTUI: String { (directory as NSString).appendingPathComponent("batch-tui") }

    /// The headless CLI.
    static var batchrun: String { (directory as NSString).appendingPathComponent("batchrun") }

    /// Whether both executables and tmux are there, so the terminal tests can run.
    static var canDriveTerminal: Bool {
        FileManager.default.isExecutableFile(atPath: batchTUI) && FileManager.default.isExecutableFile(atPath: batchrun)
            && Tmux.isInstalled
    }
}
