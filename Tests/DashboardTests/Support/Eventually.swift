import TestSupport

/// Polls `probe` every `interval` until it returns a value or `timeout` passes.
/// - Returns: the first value `probe` returned.
/// - Throws: `TestSupportError` naming `what` and showing `context()` (e.g. the last screen) on time-out.
func eventually<Value>(
    _ what: String, timeout: Duration = .seconds(8), interval: Duration = .milliseconds(100),
    context: () -> String = { "" }, _ probe: () throws -> Value?
) async throws -> Value {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if let value = try probe() { return value }
        try await Task.sleep(for: interval)
    }
    if let value = try probe() { return value }
    throw TestSupportError("timed out after \(timeout) waiting for \(what)\n\(context())")
}

/// Polls `probe` every `interval` until two reads in a row give the same value, or `timeout` passes.
/// - Returns: the value that held still.
/// - Throws: `TestSupportError` on time-out.
func steady(
    _ what: String, timeout: Duration = .seconds(8), interval: Duration = .milliseconds(600),
    _ probe: () throws -> Int?
) async throws -> Int {
    var previous: Int?
    return try await eventually(what, timeout: timeout, interval: interval) {
        let current = try probe()
        defer { previous = current }
        return current != nil && current == previous ? current : nil
    }
}
