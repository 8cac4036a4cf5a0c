/// Shell command lines for tmux windows.
enum Shell {
    /// `text` in single quotes, safe as one word of a POSIX shell command.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// Runs `executable` with `arguments`, then writes `EXIT=<code>` to `exitFile` and lingers, so the window
    /// stays for a last capture.
    static func recordingExit(
        _ executable: String, _ arguments: [String], to exitFile: String, environment: String = ""
    ) -> String {
        let command = ([executable] + arguments).map(quoted).joined(separator: " ")
        return "\(environment)\(command); echo EXIT=$? > \(quoted(exitFile)); sleep 30"
    }
}
