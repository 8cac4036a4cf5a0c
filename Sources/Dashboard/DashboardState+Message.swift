extension DashboardState {
    /// A line of the message log: something that happened, or an error.
    public struct Message: Sendable, Equatable {
        /// The text, one line.
        public var text: String
        /// Whether it reports an error; errors stand out.
        public var isError: Bool

        /// Creates a message.
        public init(_ text: String, isError: Bool = false) {
            self.text = text
            self.isError = isError
        }
    }
}
