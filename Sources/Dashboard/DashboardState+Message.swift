import BatchEngine

extension DashboardState {
    /// A line of the message log: something that happened, or an error.
    public struct Message: Sendable, Equatable {
        /// The text, one line, without control characters.
        public var text: String
        /// Whether it reports an error; errors stand out.
        public var isError: Bool

        /// Creates a message; line breaks become spaces and control characters `?`, as the text may come from the
        /// state tables or a database error, which are not trusted.
        public init(_ text: String, isError: Bool = false) {
            self.text = DisplayFormat.printable(text, singleLine: true)
            self.isError = isError
        }
    }
}
