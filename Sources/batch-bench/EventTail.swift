import Foundation

/// The JSON event lines of a running `batchrun apply`, each stamped with when it was first seen: the events carry
/// no time of their own, and the lag pause needs to know how long the run was throttled.
final class EventTail {
    /// One complete line and when it was read, since the spawn.
    struct Line {
        /// Time since the process was spawned.
        var time: Duration
        /// The line, without its newline.
        var text: String
    }

    /// The lines read so far, in order.
    private(set) var lines: [Line] = []
    /// How many bytes of the file were read.
    private var offset: UInt64 = 0
    /// The end of the file after its last newline, kept until the line is complete.
    private var partial = Data()

    /// Creates an empty tail.
    init() {}

    /// Reads what was appended to the file at `path` since the last call, stamping its complete lines with `time`.
    func read(_ path: String, at time: Duration) {
        guard let file = FileHandle(forReadingAtPath: path) else { return }
        defer { try? file.close() }
        guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.readToEnd(), !data.isEmpty else {
            return
        }
        offset += UInt64(data.count)
        partial.append(data)
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            let text = String(decoding: partial[partial.startIndex..<newline], as: UTF8.self)
            partial.removeSubrange(partial.startIndex...newline)
            lines.append(Line(time: time, text: text))
        }
    }
}
