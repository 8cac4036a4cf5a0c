/// A throwaway cluster that could not be set up or driven: a missing program, a command that failed, a server that
/// did not start or a replica that did not catch up.
public struct ClusterError: Error, CustomStringConvertible {
    /// What went wrong and, where it helps, how to fix it.
    public let message: String

    /// An error that says `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
