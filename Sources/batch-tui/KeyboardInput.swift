import BatchEngine
import Foundation

/// Reads key presses from standard input (in raw mode), waiting at most a given time for the first one.
struct KeyboardInput {
    /// The keys typed within `timeout`; empty when none; `.hangup` when the terminal is gone.
    func read(timeout: Duration) -> [Key] {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout.seconds * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = Foundation.read(STDIN_FILENO, &buffer, buffer.count)
        if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return [.hangup] }
        return count > 0 ? Key.parse(buffer.prefix(count)) : []
    }
}
