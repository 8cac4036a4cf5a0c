import Foundation

/// The timestamps of the state tables: ISO 8601 in UTC, with milliseconds, on the database's clock.
enum StateTime {
    /// `timestamp` in seconds since 1970; `nil` when it is not such a timestamp.
    static func seconds(_ timestamp: String) -> Double? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp))?.timeIntervalSince1970
    }
}
