import BatchEngine

extension DashboardState {
    /// One worker of a run, as the workers section shows it.
    public struct Worker: Sendable, Equatable {
        /// What a worker does, as it reports it.
        public enum Activity: Sendable, Equatable {
            /// Walking a chunk, range by range.
            case running
            /// Looking for work: nothing it may take is ready.
            case idle
            /// Waiting for a resume, holding its claim.
            case paused
            /// Holding new ranges back for this reason (replica lag, a throttle query).
            case throttled(String)
            /// Anything else it reported, e.g. `stopped`.
            case other(String)

            /// The activity a worker's reported state stands for: `running`, `idle`, `paused`,
            /// `throttled: REASON`, or anything else.
            public init(reported: String) {
                switch reported {
                case "running": self = .running
                case "idle": self = .idle
                case "paused": self = .paused
                default:
                    let prefix = "throttled: "
                    self =
                        reported.hasPrefix(prefix)
                        ? .throttled(String(reported.dropFirst(prefix.count))) : .other(reported)
                }
            }

            /// `running`, `idle`, `paused`, `throttled: REASON`, or the text reported.
            public var text: String {
                switch self {
                case .running: "running"
                case .idle: "idle"
                case .paused: "paused"
                case .throttled(let reason): "throttled: \(reason)"
                case .other(let text): text
                }
            }
        }

        /// How sure the dashboard is that the worker is alive.
        public enum Health: Sendable, Equatable {
            /// It proved it is alive recently, or it is one of this process's threads.
            case live
            /// Its heartbeat is old, or the claim it holds has expired: another worker may take its chunk over.
            case stale
            /// It is no longer listed: its run ended or its process is gone.
            case gone
        }

        /// Its name within its run: `w1`, `w2`, ...
        public var name: String
        /// The process it belongs to; `nil` for this process's own workers.
        public var process: Process?
        /// The step it works on, if any.
        public var step: String?
        /// The chunk it holds, if any.
        public var chunk: Int64?
        /// Its rate, units per second, while it walks a chunk.
        public var rate: Double?
        /// What it does.
        public var activity: Activity
        /// Seconds since its last heartbeat, when known (workers of other processes).
        public var heartbeatAge: Double?
        /// How sure the dashboard is that it is alive.
        public var health: Health

        /// Creates a worker line.
        public init(
            name: String, process: Process? = nil, step: String? = nil, chunk: Int64? = nil, rate: Double? = nil,
            activity: Activity = .idle, heartbeatAge: Double? = nil, health: Health = .live
        ) {
            self.name = name
            self.process = process
            self.step = step
            self.chunk = chunk
            self.rate = rate
            self.activity = activity
            self.heartbeatAge = heartbeatAge
            self.health = health
        }

        /// `w2` for this process's worker, `host pid N w2` for another's.
        public var label: String {
            process.map { "\($0) \(DisplayFormat.printable(name, singleLine: true))" }
                ?? DisplayFormat.printable(name, singleLine: true)
        }
    }
}
