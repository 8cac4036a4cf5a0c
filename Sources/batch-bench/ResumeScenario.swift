import BatchEngine
import ChildProcesses
import Foundation

/// (3) The cost of resuming: an apply killed with SIGKILL late in the step, then a fresh apply that finishes it.
///
/// Method. The uninterrupted run (2) was polled every couple of milliseconds (read-only, the sum of
/// `batchrun_chunks.processed`: `ProgressQuery`, through `FixtureStore.progress(of:in:)`),
/// giving the times at which its ranges committed. Here a run on a fresh copy is polled the same way and killed as
/// soon as its committed count reaches `killFraction` of the rows (90 % on SQLite, 70 % on PostgreSQL, where ranges
/// are many more), or, when (2) had no commit between that mark and the end (small
/// tables, whose last range spans the mark), its last commit before the end. Range boundaries vary from run to run, so
/// when a run finishes before it could be killed, another fresh copy is tried with that run's own last commit before
/// the end as the threshold. The killed process's committed count `k` is then read back, and a fresh
/// `batchrun apply` finishes the step; its whole-process wall time is the resume cost. The reference is what the same
/// remaining rows cost the uninterrupted run: from the moment its work passed row `k` (interpolated between the two
/// commits around `k`) to its exit. Both sides therefore include the end of the run (closing the run record,
/// releasing the lease, process exit); only the resume pays process start-up, the checks before the first write,
/// and a range size that starts small again. The poll interval bounds the error of each commit time.
struct ResumeScenario {
    /// How many fresh copies to try before giving up on killing a run mid-step.
    static let attempts = 5

    /// The spawned executable.
    let batchrun: Batchrun
    /// The fixture the runs start from, and its backend's state tables.
    let store: any FixtureStore
    /// The options both the killed run and the resuming one get, as the uninterrupted run got them.
    let arguments: [String]
    /// The committed fraction of the rows after which the run is killed.
    let killFraction: Double

    /// Rows in the table.
    private var rows: Int { store.rows }

    /// Kills a run on a fresh copy of the fixture late in the step, resumes it, and compares with the uninterrupted
    /// run.
    /// - Throws: `BenchError` when a run fails unexpectedly; a database or file system error.
    func measure(updates: String, uninterrupted trace: ProgressTrace, uninterruptedWall: Double) throws
        -> ResumeFigures
    {
        var previousCommits = trace.intermediateCounts
        for _ in 0..<Self.attempts {
            guard let last = previousCommits.last else {
                return ResumeFigures(note: "one range did the whole step: there is no commit to kill after")
            }
            let database = try store.freshCopy(named: "resume")
            defer { store.removeCopy(database) }
            let attempt = try killRun(
                database, updates: updates, threshold: min(Int(Double(rows) * killFraction), last))
            guard let committed = attempt.committed else {
                previousCommits = attempt.trace.intermediateCounts
                continue
            }
            return try resume(database, updates: updates, after: committed, uninterrupted: trace, uninterruptedWall)
        }
        return ResumeFigures(note: "\(Self.attempts) runs each finished before they could be killed mid-step")
    }

    /// Runs apply on `database` and kills it once its committed count reaches `threshold`.
    /// - Returns: the committed count after the kill (`nil` when the run finished first) and the run's trace.
    private func killRun(_ database: String, updates: String, threshold: Int) throws -> (
        committed: Int?, trace: ProgressTrace
    ) {
        let poller = store.progress(of: Workload.batchedStepID, in: database)
        var trace = ProgressTrace()
        var killed = false
        let run = try batchrun.apply(
            database: database, updates: updates, arguments: arguments, polling: Batchrun.pollInterval
        ) { child in
            guard !killed, let processed = poller.processed() else { return }
            trace.record(processed, at: (ChildProcess.clock.now - child.started).seconds)
            guard processed >= threshold, processed < rows else { return }
            child.send(SIGKILL)
            killed = true
        }
        let committed = poller.processed()
        poller.close()
        guard run.termination.signal == SIGKILL else {
            _ = try run.drained("the run meant to be killed")
            guard try store.isExactlyOnce(database) else {
                throw BenchError("the run meant to be killed did not update every row exactly once")
            }
            trace.record(rows, at: run.termination.wall.seconds)
            return (nil, trace)
        }
        guard let committed else {
            throw BenchError("cannot read the killed run's committed count from the state tables")
        }
        return (committed, trace)
    }

    /// Finishes the killed step with a fresh apply and compares its time with the uninterrupted run's.
    private func resume(
        _ database: String, updates: String, after committed: Int, uninterrupted trace: ProgressTrace,
        _ uninterruptedWall: Double
    ) throws -> ResumeFigures {
        let resumed = try batchrun.apply(database: database, updates: updates, arguments: arguments)
            .drained("the resuming apply")
        guard resumed.finished?.processed == rows - committed else {
            throw BenchError(
                "the resume processed \(resumed.finished?.processed ?? -1) rows, expected \(rows - committed)")
        }
        let resumeTime = resumed.termination.wall.seconds
        let reference = trace.time(reaching: committed).map { uninterruptedWall - $0 }
        return ResumeFigures(
            killedAtFraction: Double(committed) / Double(rows), note: nil, resumeS: resumeTime,
            uninterruptedRemainderS: reference, ratio: Statistics.ratio(resumeTime, reference),
            resumeRanges: resumed.finished?.ranges,
            peakRssMb: Double(resumed.termination.peakRSSBytes) / 1_048_576,
            exactlyOnce: try store.isExactlyOnce(database))
    }
}

/// A resume that could not be measured.
extension ResumeFigures {
    /// Figures of a resume that could not be measured, saying why.
    init(note: String, exactlyOnce: Bool = true) {
        self.init(
            killedAtFraction: nil, note: note, resumeS: nil, uninterruptedRemainderS: nil, ratio: nil,
            resumeRanges: nil, peakRssMb: nil, exactlyOnce: exactlyOnce)
    }
}
