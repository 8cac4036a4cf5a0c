import Foundation

/// The `throttled` events of a run, read from its timed JSON lines: when ranges were held back, and the lags the
/// run reported (`replica lag 2.9 s > 1.0 s (name)`).
struct ThrottleEvents {
    /// One `throttled` event: the run started or stopped holding ranges back.
    private struct Event: Decodable {
        /// The event's name.
        var event: String
        /// Whether ranges are held back from now on.
        var throttled: Bool?
        /// Why, while they are.
        var reason: String?
    }

    /// How long ranges were held back in all, from each `throttled: true` event to the next clearing one (or the
    /// end of the run).
    private(set) var throttled: Duration = .zero
    /// The events that held ranges back or changed the reason.
    private(set) var count = 0
    /// The reasons, in order.
    private(set) var reasons: [String] = []

    /// Reads the events of `lines`, a run that ended at `end`.
    init(_ lines: [EventTail.Line], end: Duration) {
        let decoder = JSONDecoder()
        var since: Duration?
        for line in lines where line.text.contains("\"throttled\"") {
            guard let event = try? decoder.decode(Event.self, from: Data(line.text.utf8)), event.event == "throttled"
            else { continue }
            if event.throttled == true {
                count += 1
                reasons += [event.reason].compactMap { $0 }
                since = since ?? line.time
            } else if let start = since {
                throttled += line.time - start
                since = nil
            }
        }
        if let start = since { throttled += end - start }
    }

    /// The largest lag, in seconds, among the reasons that name one.
    var worstReportedLagS: Double? {
        reasons.compactMap { reason -> Double? in
            guard let range = reason.range(of: "replica lag ") else { return nil }
            return Double(reason[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }.max()
    }
}
