/// Everything one frame of the dashboard shows: the value `DashboardRenderer` turns into screen lines.
public struct DashboardState: Sendable, Equatable {
    /// The database's path or name.
    public var database: String
    /// Who drives the run.
    public var driver: Driver
    /// What the run is doing.
    public var runState: RunState
    /// The throttle in effect, when known.
    public var throttle: Double?
    /// Why workers hold new ranges back now (replica lag, a throttle query), if they do.
    public var throttleReason: String?
    /// The planned steps, in run order.
    public var steps: [Step]
    /// The workers of the runs shown: this process's first, then other processes', each run's in name order.
    public var workers: [Worker]
    /// The latest messages, oldest first.
    public var messages: [Message]
    /// Time since the run started.
    public var elapsed: Duration
    /// Terminal columns.
    public var width: Int
    /// Terminal rows.
    public var height: Int
    /// Whether colours and other text attributes may be used.
    public var colour: Bool
    /// Whether the help overlay covers the step list.
    public var showsHelp: Bool
    /// A line shown instead of the key hints, e.g. how to exit once the run ended.
    public var prompt: String?

    /// Creates a state; everything but the database has a default.
    public init(
        database: String, driver: Driver = .unknown, runState: RunState = .starting, throttle: Double? = nil,
        throttleReason: String? = nil, steps: [Step] = [], workers: [Worker] = [], messages: [Message] = [],
        elapsed: Duration = .zero, width: Int = 80, height: Int = 24, colour: Bool = false, showsHelp: Bool = false,
        prompt: String? = nil
    ) {
        self.database = database
        self.driver = driver
        self.runState = runState
        self.throttle = throttle
        self.throttleReason = throttleReason
        self.steps = steps
        self.workers = workers
        self.messages = messages
        self.elapsed = elapsed
        self.width = width
        self.height = height
        self.colour = colour
        self.showsHelp = showsHelp
        self.prompt = prompt
    }

    /// The position of the head step, the one being worked on or next: the first step not done.
    public var headIndex: Int? {
        steps.firstIndex { $0.status != .done }
    }
}
