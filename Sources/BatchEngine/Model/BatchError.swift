import Foundation

/// An error the engine reports to a user: a message, the exit status it implies, and where it comes from.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    /// The exit status this error leads to.
    public var status: ExitStatus
    /// What went wrong, in one sentence.
    public var message: String
    /// The file and line to blame, if any.
    public var location: SourceLocation?
    /// The step concerned, if any.
    public var step: String?
    /// The SQL that failed, if any.
    public var sql: String?
    /// The runner (`host pid N`) that holds the queue, when that is why a run could not start.
    public var holder: String?

    /// Creates an error.
    public init(
        _ status: ExitStatus, _ message: String, location: SourceLocation? = nil, step: String? = nil,
        sql: String? = nil, holder: String? = nil
    ) {
        self.status = status
        self.message = message
        self.location = location
        self.step = step
        self.sql = sql
        self.holder = holder
    }

    /// `file:line: message`, then the step and SQL on their own lines.
    public var description: String {
        var text = location.map { "\($0): \(message)" } ?? message
        if let step, !message.contains(step) { text += "\n  step: \(step)" }
        if let sql { text += "\n  sql: \(sql.trimmingCharacters(in: .whitespacesAndNewlines))" }
        return text
    }
}
