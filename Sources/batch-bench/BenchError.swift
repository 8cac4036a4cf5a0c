/// A failure that stops the benchmark, with a message for the user.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    /// Creates an error saying `message`.
    init(_ message: String) {
        description = message
    }
}
