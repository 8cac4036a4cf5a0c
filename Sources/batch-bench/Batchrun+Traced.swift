import ChildProcesses

extension Batchrun {
    /// How often the committed count is polled while a traced or killed run goes on.
    static let pollInterval: Duration = .milliseconds(2)

    /// Runs apply on `database` with `arguments`, polling `progress` into a trace; the run must drain the queue.
    /// - Throws: `BenchError` when the run fails.
    func tracedApply(
        _ database: String, updates: String, arguments: [String] = [], progress: any ProgressReading
    ) throws -> (ApplyRun, ProgressTrace) {
        var trace = ProgressTrace()
        let run = try apply(database: database, updates: updates, arguments: arguments, polling: Self.pollInterval) {
            child in
            guard let processed = progress.processed() else { return }
            trace.record(processed, at: (ChildProcess.clock.now - child.started).seconds)
        }
        progress.close()
        let drained = try run.drained("the batched apply")
        // The last commit and the exit are often closer together than one poll: the exit stands for it.
        if let processed = drained.finished?.processed {
            trace.record(processed, at: drained.termination.wall.seconds)
        }
        return (drained, trace)
    }
}
