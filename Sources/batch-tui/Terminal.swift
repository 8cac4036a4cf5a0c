import BatchEngine
import Dashboard
import Foundation

/// The controlling terminal in full-screen mode: raw input, the alternate screen, a hidden cursor and no line
/// wrap; `leave()` puts everything back.
final class Terminal {
    /// The settings to restore.
    private var saved = termios()
    /// Whether the terminal is in full-screen mode now.
    private var active = false
    /// The size of the last frame drawn, to clear the screen when it changes.
    private var lastSize: Size?
    /// The last frame drawn, so an unchanged frame is not written again.
    private var lastLines: [String] = []

    /// A terminal size in character cells.
    struct Size: Equatable {
        /// Columns.
        var width: Int
        /// Rows.
        var height: Int
    }

    /// Reads the terminal's settings.
    /// - Throws: `BatchError` (`.usage`) when standard input is not a terminal.
    init() throws {
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            throw BatchError(.usage, "cannot read the terminal's settings: \(String(cString: strerror(errno)))")
        }
    }

    /// Switches to raw mode (keys arrive one by one, Ctrl-C as byte 3), the alternate screen, a hidden cursor and
    /// no automatic wrap.
    func enter() {
        var raw = saved
        cfmakeraw(&raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        active = true
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[2J")
    }

    /// Restores the screen, the cursor, wrapping and the saved settings; does nothing the second time.
    func leave() {
        guard active else { return }
        active = false
        write("\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    /// The size now, asked of the terminal each time (so resizes are followed); 80×24 when it does not say.
    var size: Size {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return Size(width: 80, height: 24)
        }
        return Size(width: Int(window.ws_col), height: Int(window.ws_row))
    }

    /// Draws a frame in one write: cursor home, each line followed by clear-to-end-of-line (unless it fills the
    /// width); the whole screen is cleared first only when the size changed. An unchanged frame is not written.
    func draw(_ lines: [String], size: Size) {
        guard lines != lastLines || size != lastSize else { return }
        var frame = lastSize == size ? "" : "\u{1B}[2J"
        lastSize = size
        lastLines = lines
        frame += "\u{1B}[H"
        for (index, line) in lines.enumerated() {
            if index > 0 { frame += "\r\n" }
            frame += line
            // Without automatic wrap the cursor stays on the last column, which clearing would erase.
            if DashboardRenderer.visibleWidth(of: line) < size.width { frame += "\u{1B}[K" }
        }
        write(frame)
    }

    /// Writes all of `text` to standard output, retrying short writes; gives up silently when the terminal is gone.
    private func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
