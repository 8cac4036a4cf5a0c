import Synchronization

/// One range of an in-process run: its keys, its size and how long its transaction took.
struct RangeRecord: Sendable {
    /// The range size the engine asked for.
    var limit: Int
    /// Rows the range covered.
    var processed: Int
    /// The exclusive lower key (`:from`), `nil` for the first range.
    var fromKey: Int64?
    /// The inclusive upper key the next range starts after, `nil` for the last range.
    var toKey: Int64?
    /// The whole transaction: begin, lease renewal, the step's statements, cursor update, commit.
    var seconds: Double = 0
}

/// The ranges of an in-process run, appended by `RecordingStep` and timed by `TimedDatabase`.
final class RangeLog: Sendable {
    /// The ranges so far, in order.
    private let storage = Mutex<[RangeRecord]>([])

    /// Creates an empty log.
    init() {}

    /// The ranges so far, in order.
    var records: [RangeRecord] {
        storage.withLock { $0 }
    }

    /// The number of ranges so far.
    var count: Int {
        storage.withLock { $0.count }
    }

    /// Adds a range whose transaction is still open.
    func append(_ record: RangeRecord) {
        storage.withLock { $0.append(record) }
    }

    /// Sets the transaction time of the last range.
    func timeLast(_ seconds: Double) {
        storage.withLock { records in
            guard !records.isEmpty else { return }
            records[records.count - 1].seconds = seconds
        }
    }
}
