extension DashboardState {
    /// Who drives the run the dashboard shows.
    public enum Driver: Sendable, Equatable {
        /// Not known yet: the dashboard is still trying to take the lease.
        case unknown
        /// This process holds the lease and runs the ticks.
        case thisProcess(host: String, pid: Int32)
        /// Another process holds the lease; this one watches.
        case other(host: String, pid: Int32)
        /// Nobody holds the lease.
        case nobody

        /// Whether the dashboard watches another process's run.
        public var isAttached: Bool {
            if case .other = self { return true }
            return false
        }
    }
}
