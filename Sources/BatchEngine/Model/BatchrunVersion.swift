/// The version of batchrun: of this engine and of the `batchrun`, `batch-tui` and `batch-bench` commands, whose
/// `--version` prints it.
public enum BatchrunVersion {
    /// The version, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
