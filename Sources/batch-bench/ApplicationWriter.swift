import Foundation
import Synchronization

/// The application, as the engine must leave room for it: a thread with its own connection that every 5 ms
/// writes one random existing row, autocommit, and times each write from the start of the statement to its commit.
enum ApplicationWriter {
    /// How often a write starts.
    static let interval: Duration = .milliseconds(5)

    /// What the writer saw while it ran.
    private final class Record: Sendable {
        /// Each successful write's latency, milliseconds.
        let latencies = Mutex<[Double]>([])
        /// Writes that failed (a busy timeout, a lock timeout).
        let failures = Atomic<Int>(0)
    }

    /// Runs `body` while the writer writes to `target`, the writer's connection open before `body` starts.
    /// - Returns: what `body` returned, and the writer's samples.
    /// - Throws: what `body` throws; `BenchError` when the writer cannot connect.
    static func during<T>(_ target: WriterTarget, _ body: () throws -> T) throws -> (T, WriterSamples) {
        let record = Record()
        let thread = try PeriodicThread(name: "application writer", interval: interval) {
            let (largest, write) = try target.connect()
            let clock = ContinuousClock()
            return {
                let key = Int64.random(in: 1...max(largest, 1))
                let started = clock.now
                do {
                    try write(key)
                    let milliseconds = (clock.now - started) / .milliseconds(1)
                    record.latencies.withLock { $0.append(milliseconds) }
                } catch {
                    record.failures.add(1, ordering: .relaxed)
                }
            }
        }
        let result = Result { try body() }
        thread.stop()
        let samples = WriterSamples(
            latenciesMs: record.latencies.withLock { $0 }, failures: record.failures.load(ordering: .relaxed))
        return (try result.get(), samples)
    }
}
