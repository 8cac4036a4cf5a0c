extension Array where Element == String {
    /// The names as a sentence lists them: `a`, `a and b`, `a, b and c`; empty for none.
    var listed: String {
        guard let last, count > 1 else { return last ?? "" }
        return dropLast().joined(separator: ", ") + " and " + last
    }
}
