/// A place in an update file, for error messages.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given.
    public var file: String
    /// The 1-based line, when one line is to blame.
    public var line: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the form editors and terminals link.
    public var description: String {
        line.map { "\(file):\($0)" } ?? file
    }
}
