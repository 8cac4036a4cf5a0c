import BatchEngine
import Testing

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)), ("90s", .seconds(90)), ("1.5m", .seconds(90)), ("2h", .seconds(7200)),
        ("0s", .zero), ("8760h", .seconds(365 * 86_400)),
    ])
    func durationsAreReadWithTheirUnit(_ text: String, _ duration: Duration) {
        #expect(Duration(parsing: text) == duration)
    }

    /// Before, values past what `Duration` holds trapped in `Duration.seconds(_:)`.
    @Test(arguments: [
        "1e30s", "1e300s", "1e19ms", "8761h", "525601m", "infs", "nanms", "-1s", "5", "s", "5 s", "5d",
    ])
    func anythingElseIsNoDuration(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }
}
