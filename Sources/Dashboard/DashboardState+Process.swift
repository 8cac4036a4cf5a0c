import BatchEngine

extension DashboardState {
    /// A process that runs workers on the queue, named as the state tables and messages name it: `host pid N`.
    public struct Process: Sendable, Hashable, CustomStringConvertible {
        /// The host it runs on.
        public var host: String
        /// Its process id.
        public var pid: Int32

        /// Creates a process's name.
        public init(host: String, pid: Int32) {
            self.host = host
            self.pid = pid
        }

        /// `host pid N`, with control characters shown as `?` (a host name comes from the state tables).
        public var description: String {
            DisplayFormat.printable("\(host) pid \(pid)", singleLine: true)
        }
    }
}
