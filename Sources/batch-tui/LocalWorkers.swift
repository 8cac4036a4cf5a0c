import BatchEngine
import Dashboard
import Foundation

/// This process's workers as its run's events tell them: the step and chunk each walks, its rate in that chunk,
/// and what holds it back. A run of one worker names none in its events; that worker is `w1`.
struct LocalWorkers: Sendable {
    /// The workers, in name order; what each does is worked out when the lines are asked for.
    private var workers: [DashboardState.Worker] = []
    /// Rates of the workers in their current chunks.
    private var rates = RateTracker()
    /// Why ranges are held back in the whole process, from a throttle event that names no worker.
    private var processReason: String?
    /// Why one worker holds its ranges back, from a throttle event that names it.
    private var workerReasons: [String: String] = [:]

    /// The name of the worker an event names, or of the only one.
    static func name(_ worker: String?) -> String {
        worker ?? "w1"
    }

    /// A run of `count` workers started: `w1` to `wN`, idle.
    mutating func start(count: Int) {
        workers = (1...max(1, count)).map { DashboardState.Worker(name: "w\($0)") }
    }

    /// A worker began a chunk: its rate starts over.
    mutating func began(_ progress: StepProgress, at now: Date) {
        rates.forget(Self.name(progress.worker))
        report(progress, at: now)
    }

    /// A worker ended a tick in its chunk.
    mutating func report(_ progress: StepProgress, at now: Date) {
        let name = Self.name(progress.worker)
        let meter = rates.observe(name, count: progress.chunkProcessed, at: now)
        update(name) { worker in
            worker.step = progress.step
            worker.chunk = progress.chunk
            worker.rate = meter?.rate
        }
    }

    /// A step finished or failed: the workers on it look for other work.
    mutating func release(step: String) {
        for index in workers.indices where workers[index].step == step {
            rates.forget(workers[index].name)
            workers[index].step = nil
            workers[index].chunk = nil
            workers[index].rate = nil
        }
    }

    /// A throttle signal holds `worker`'s ranges back (all the process's when `nil`) for `reason`, or no longer.
    mutating func throttle(_ worker: String?, reason: String?) {
        guard let worker else {
            processReason = reason
            return
        }
        workerReasons[worker] = reason
    }

    /// The run ended: no workers remain.
    mutating func stop() {
        self = LocalWorkers()
    }

    /// Why ranges are held back, if they are: the process's reason, else the first worker's.
    var reason: String? {
        processReason ?? workers.lazy.compactMap { self.workerReasons[$0.name] }.first
    }

    /// The workers' lines, each doing what the queue's `control` and the throttle signals let it.
    func lines(control: ControlState) -> [DashboardState.Worker] {
        workers.map { worker in
            var worker = worker
            if control.paused {
                worker.activity = .paused
            } else if let reason = workerReasons[worker.name] ?? processReason {
                worker.activity = .throttled(reason)
            } else {
                worker.activity = worker.step == nil ? .idle : .running
            }
            return worker
        }
    }

    /// Changes the worker `name`, adding it first (in name order) if no event named it before.
    private mutating func update(_ name: String, _ change: (inout DashboardState.Worker) -> Void) {
        if !workers.contains(where: { $0.name == name }) {
            workers.append(DashboardState.Worker(name: name))
            workers.sort { ($0.name.count, $0.name) < ($1.name.count, $1.name) }
        }
        guard let index = workers.firstIndex(where: { $0.name == name }) else { return }
        change(&workers[index])
    }
}
