/// A failure of a test's own machinery or a wait that timed out, with what was seen last.
struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    /// A failure saying `message`.
    init(_ message: String) {
        description = message
    }
}
