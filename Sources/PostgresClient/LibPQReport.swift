/// A message libpq wrote into a connection's error buffer, read for the reports a server sent.
///
/// libpq writes what a server reports as `SEVERITY:  text` (a severity word, a colon and two spaces), after its own
/// prefix such as `connection to server at "db1" (10.0.0.5), port 5432 failed: `. Its own messages ("Connection
/// refused", "could not translate host name", "timeout expired") have no such pattern. The severity word is the
/// server's and may be localized, so it is recognized by its shape rather than its spelling.
struct LibPQReport {
    /// The message's lines, without the final newline.
    let lines: [Substring]

    /// The report in `text`.
    init(_ text: String) {
        lines = text.trimmingTrailingNewlines().split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The index of the first line that carries a server report, and that report's severity.
    var firstServerReport: (line: Int, severity: String)? {
        for (index, line) in lines.enumerated() {
            if let severity = Self.serverSeverity(in: line) { return (index, severity) }
        }
        return nil
    }

    /// The message up to the server's report and the DETAIL and HINT lines that follow it; the whole message when
    /// no server reported anything.
    ///
    /// After a server's FATAL report the server closes the socket, and libpq adds "server closed the connection
    /// unexpectedly / This probably means the server terminated abnormally", which is wrong there and is dropped.
    var text: String {
        guard let report = firstServerReport else { return lines.joined(separator: "\n") }
        var end = report.line + 1
        while end < lines.count, Self.serverSeverity(in: lines[end]) != nil { end += 1 }
        return lines[..<end].joined(separator: "\n")
    }

    /// The severity word of a `WORD:  text` report in `line`, at its start or after a space.
    private static func serverSeverity(in line: Substring) -> String? {
        var searchStart = line.startIndex
        while let colon = line[searchStart...].firstIndex(of: ":") {
            let after = line[line.index(after: colon)...]
            if after.hasPrefix("  ") {
                let wordStart = line[..<colon].lastIndex(of: " ").map { line.index(after: $0) } ?? line.startIndex
                let word = line[wordStart..<colon]
                if !word.isEmpty, word.allSatisfy(\.isLetter) { return String(word) }
            }
            searchStart = line.index(after: colon)
        }
        return nil
    }
}
