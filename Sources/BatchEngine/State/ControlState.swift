/// What has been asked of the runner of a run: stored in `batchrun_control`, honoured between ranges.
public struct ControlState: Sendable, Equatable {
    /// The runner waits, holding its lease, until resumed.
    public var paused = false
    /// The throttle to use instead of the runner's own option, if set.
    public var throttle: Double?
    /// Why a stop was requested, if it was.
    public var stopReason: String?

    /// Nothing asked.
    public init(paused: Bool = false, throttle: Double? = nil, stopReason: String? = nil) {
        self.paused = paused
        self.throttle = throttle
        self.stopReason = stopReason
    }
}

/// A request a user or a dashboard sends to the runner that holds the lease.
public enum ControlRequest: Sendable, Equatable {
    /// Pause after the current range.
    case pause
    /// Resume a paused run.
    case resume
    /// Stop after the current range, with work left.
    case stop
    /// Sleep this fraction of each range's duration after it.
    case throttle(Double)
}

extension ControlRequest {
    /// Records the request for the run that holds the lease.
    /// - Returns: the lease holder the request is for, or `nil` when no runner holds the lease (nothing is written).
    /// - Throws: `BatchError`: `.workLeft` when the database stayed locked, `.invalidInput` when it cannot be used.
    @discardableResult
    public func send(to database: any BatchDatabase) throws -> LeaseRecord? {
        try database.reportingFailures {
            try database.write { database in
                guard try StateSchema.version(in: database) > 0, let lease = try StateStore.lease(in: database),
                    lease.isAlive(), let runID = lease.runID
                else { return nil }
                try StateStore.update(control: self, run: runID, in: database)
                return lease
            }
        }
    }
}
