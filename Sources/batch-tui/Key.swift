/// A key press the dashboard acts on.
enum Key: Equatable {
    /// `p`: pause or resume.
    case pause
    /// `+` (or `=`): throttle up.
    case throttleUp
    /// `-` (or `_`): throttle down.
    case throttleDown
    /// `q` or Ctrl-C: stop gracefully, or detach when attached.
    case quit
    /// `S`: ask the other runner to stop.
    case stopRunner
    /// `?`: show or hide the help.
    case help
    /// Escape: close the help.
    case escape
    /// End of input: the terminal is gone.
    case hangup
    /// Anything else, including escape sequences (arrows, function keys).
    case other

    /// The keys in `bytes`, read in one go from a terminal in raw mode; an escape sequence is one `.other`.
    static func parse(_ bytes: some Collection<UInt8>) -> [Key] {
        var keys: [Key] = []
        var rest = bytes[...]
        while let byte = rest.popFirst() {
            if byte == 0x1B {
                keys.append(rest.isEmpty ? .escape : .other)
                rest = rest.dropFirst(rest.count)
            } else {
                keys.append(Key(byte: byte))
            }
        }
        return keys
    }

    /// The key one byte stands for.
    private init(byte: UInt8) {
        switch UnicodeScalar(byte) {
        case "p", "P": self = .pause
        case "+", "=": self = .throttleUp
        case "-", "_": self = .throttleDown
        case "q", "Q", "\u{03}": self = .quit
        case "S": self = .stopRunner
        case "?", "h", "H": self = .help
        default: self = .other
        }
    }
}
