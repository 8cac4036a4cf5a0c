extension DashboardState {
    /// Who drives the run the dashboard shows.
    public enum Driver: Sendable, Equatable {
        /// Not known yet: the dashboard is still checking the queue.
        case unknown
        /// This process runs the workers.
        case thisProcess(Process)
        /// Other processes run the workers, one run each; this one watches.
        case others([Process])
        /// Nobody runs the queue.
        case nobody

        /// Whether the dashboard watches other processes' runs.
        public var isAttached: Bool {
            if case .others = self { return true }
            return false
        }
    }
}
