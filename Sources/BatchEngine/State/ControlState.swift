/// What has been asked of the workers of the queue: stored in `batchrun_control`, honoured between ranges by every
/// worker of every process.
public struct ControlState: Sendable, Equatable {
    /// The workers wait, holding their claims, until resumed.
    public var paused = false
    /// The throttle to use instead of the runners' own option, if set.
    public var throttle: Double?
    /// Why a stop was requested of this run, if it was.
    public var stopReason: String?

    /// Nothing asked.
    public init(paused: Bool = false, throttle: Double? = nil, stopReason: String? = nil) {
        self.paused = paused
        self.throttle = throttle
        self.stopReason = stopReason
    }
}

/// A request a user or a dashboard sends to every worker of the queue.
public enum ControlRequest: Sendable, Equatable, CustomStringConvertible {
    /// Pause after the current range.
    case pause
    /// Resume a paused queue.
    case resume
    /// Stop the runs active now after their current ranges, with work left; later runs are not affected.
    case stop
    /// Sleep this fraction of each range's duration after it.
    case throttle(Double)

    /// `pause`, `resume`, `stop` or `throttle 0.5`: how every front end and the event log name the request.
    public var description: String {
        switch self {
        case .pause: "pause"
        case .resume: "resume"
        case .stop: "stop"
        case .throttle(let fraction): "throttle \(DisplayFormat.throttle(fraction))"
        }
    }
}

extension ControlRequest {
    /// Records the request for every worker of the queue.
    /// - Returns: the processes of the active runs it reaches (`host pid N`); empty when no run is active, and then
    ///   nothing is written.
    /// - Throws: `BatchError`: `.workLeft` when the database stayed locked or cannot be reached, `.usage` for a
    ///   standby or a missing database, `.invalidInput` when it cannot be used.
    @discardableResult
    public func send(to backend: any BatchBackend) throws -> [String] {
        let database = try backend.connect(.control)
        defer { database.close() }
        return try database.reportingFailures {
            try database.write { database in
                guard try StateSchema.version(in: database) == StateSchema.currentVersion else { return [] }
                let runs = try RunStore.activeRuns(in: database)
                guard !runs.isEmpty else { return [] }
                try ControlStore.record(self, in: database)
                try EventLog.append("control", "\(self) requested", run: nil, in: database)
                return runs.map(\.process)
            }
        }
    }
}
