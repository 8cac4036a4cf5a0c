import ChildProcesses
import Foundation

/// The `batchrun` executable the benchmark spawns, found next to the benchmark's own binary.
struct Batchrun {
    /// The executable's absolute path.
    let path: String
    /// Where its output files go.
    let scratch: ScratchFolder

    /// Finds `batchrun` at `explicitPath`, or else in the folder of `/proc/self/exe` (the same build directory).
    /// - Throws: `BenchError` naming the build command when it is not there.
    static func locate(_ explicitPath: String?, scratch: ScratchFolder) throws -> Batchrun {
        let path: String
        if let explicitPath {
            path = explicitPath
        } else {
            let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            path = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent("batchrun")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError(
                "no batchrun executable at \(path); build it into the same build directory first, e.g."
                    + " `swift build -c release --scratch-path .build-bench`, or pass --batchrun PATH")
        }
        return Batchrun(path: path, scratch: scratch)
    }

    /// A warning when the engine was compiled after `batchrun` was linked (`swift run batch-bench` rebuilds only
    /// batch-bench and what it depends on), so the spawned binary may not contain the current engine.
    var stalenessWarning: String? {
        let build = (path as NSString).deletingLastPathComponent as NSString
        let folder = build.appendingPathComponent("BatchEngine.build")
        let files = FileManager.default
        guard let linked = modificationDate(of: path), let names = try? files.contentsOfDirectory(atPath: folder) else {
            return nil
        }
        let compiled = names.filter { $0.hasSuffix(".o") }
            .compactMap { modificationDate(of: (folder as NSString).appendingPathComponent($0)) }.max()
        guard let compiled, compiled > linked else { return nil }
        return "batchrun was linked before BatchEngine was last compiled; it may be stale:"
            + " swift build -c release --scratch-path <the same path> --product batchrun"
    }

    /// When the file at `path` was last modified.
    private func modificationDate(of path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Runs `batchrun apply --json` on `database` with the steps in `updates` and `arguments`, and waits for it.
    ///
    /// - Parameters:
    ///   - interval: how often to call `poll` while the process runs; `nil` waits without polling.
    ///   - events: when given, takes in the JSON lines as they are written, at every poll and at the end.
    ///   - poll: called with the running process, e.g. to sample progress or to kill it.
    /// - Throws: `BenchError` when the process cannot start.
    func apply(
        database: String, updates: String, arguments: [String] = [], polling interval: Duration? = nil,
        events: EventTail? = nil, _ poll: (ChildProcess) -> Void = { _ in }
    ) throws -> ApplyRun {
        let output = scratch.file("apply.out")
        let errors = scratch.file("apply.err")
        let child = try ChildProcess(
            path, ["apply", "--db", database, "--updates", updates, "--json"] + arguments,
            ChildProcess.Options(output: output, errors: errors))
        let termination =
            interval.map { interval in
                child.wait(polling: interval) {
                    events?.read(output, at: ChildProcess.clock.now - child.started)
                    poll(child)
                }
            } ?? child.wait()
        events?.read(output, at: termination.wall)
        let lines = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        scratch.remove(output)
        scratch.remove(errors)
        return ApplyRun(termination: termination, finished: RunFinished.last(in: lines), stderr: stderr)
    }
}

/// One `batchrun apply` process: how it ended and the figures of its `run_finished` event.
struct ApplyRun {
    /// Exit, wall time and peak memory.
    var termination: ChildProcess.Termination
    /// The `run_finished` event, when the process lived to print it.
    var finished: RunFinished?
    /// What the process wrote to standard error.
    var stderr: String

    /// The run itself, after checking that it drained the queue.
    /// - Throws: `BenchError` with the exit status and standard error when it did not.
    func drained(_ what: String) throws -> ApplyRun {
        guard termination.exitCode == 0, let finished, finished.exitCode == 0 else {
            let status = termination.exitCode.map { "exit code \($0)" } ?? "signal \(termination.signal ?? 0)"
            throw BenchError("\(what): batchrun apply ended with \(status): \(stderr)")
        }
        return self
    }
}

/// The figures of batchrun's `run_finished` JSON event.
struct RunFinished: Decodable {
    /// The process's exit code as batchrun reports it.
    var exitCode: Int
    /// Rows (units) this run processed.
    var processed: Int
    /// Range transactions committed.
    var ranges: Int
    /// The longest range transaction, in milliseconds.
    var longestRangeMs: Double
    /// The 99th percentile of range transactions, in milliseconds.
    var p99RangeMs: Double
    /// The run's wall time as the engine measured it, without process start-up.
    var elapsedS: Double

    /// The last `run_finished` event among the JSON lines of `output`.
    static func last(in output: String) -> RunFinished? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return output.split(separator: "\n").reversed().lazy
            .filter { $0.contains("\"run_finished\"") }
            .compactMap { try? decoder.decode(RunFinished.self, from: Data($0.utf8)) }
            .first
    }
}
