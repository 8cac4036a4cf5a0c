/// What the tests read off a captured dashboard screen.
enum Screen {
    /// The processed count on the row of `step`: the number before the `/` of `processed/total`.
    static func processed(of step: String, in screen: String) -> Int? {
        guard let row = screen.split(separator: "\n").first(where: { $0.contains(step) }) else { return nil }
        let counts = row.split(separator: " ").first { $0.contains("/") && ($0.first?.isNumber ?? false) }
        return counts.flatMap { Int($0.prefix { $0 != "/" }.filter { $0 != "," }) }
    }

    /// The run state the title line shows, e.g. `PAUSED`.
    static func state(in screen: String) -> String? {
        let title = screen.split(separator: "\n").first ?? ""
        let words = title.split(separator: " ")
        return words.count >= 2 ? String(words[words.count - 2]) : nil
    }

    /// The workers section's line of the worker labelled `label` (`w1`, `host pid 40 w2`), without its mark.
    static func worker(_ label: String, in screen: String) -> String? {
        screen.split(separator: "\n").lazy.map { String($0.dropFirst(2)) }.first { $0.hasPrefix(label + " ") }
    }
}
