extension DashboardState {
    /// What the run is doing, as the header says it.
    public enum RunState: String, Sendable, Equatable {
        /// Checking the queue and taking the lease.
        case starting
        /// Working at full speed.
        case running
        /// Waiting for a resume, holding the lease.
        case paused
        /// Working, sleeping after each range.
        case throttled
        /// Finishing the current range before it stops.
        case stopping
        /// Stopped with work left.
        case stopped
        /// A step failed.
        case failed
        /// Every step is done.
        case drained
    }
}
