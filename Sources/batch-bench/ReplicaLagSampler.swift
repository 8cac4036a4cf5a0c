import Foundation
import PostgresClient
import Synchronization

/// Samples, about every 50 ms on the primary, how far the streaming replicas are behind (`pg_stat_replication`):
/// the bytes of WAL not yet replayed, and `replay_lag` when the server reports it.
enum ReplicaLagSampler {
    /// How often a sample is taken.
    static let interval: Duration = .milliseconds(50)

    /// The worst values seen so far.
    private final class Worst: Sendable {
        /// The worst figures, `nil` until a replica was seen.
        let figures = Mutex<ReplicaLagFigures?>(nil)
    }

    /// Runs `body` while sampling the replicas of the primary at `url`.
    /// - Returns: what `body` returned, and the worst lag seen (`nil` when no replica streams).
    /// - Throws: what `body` throws; `BenchError` when the sampler cannot connect.
    static func during<T>(primary url: String, _ body: () throws -> T) throws -> (T, ReplicaLagFigures?) {
        let worst = Worst()
        let thread = try PeriodicThread(name: "replica lag sampler", interval: interval) {
            let connection = try PostgresConnection(url, overrides: [("application_name", "batch-bench lag")])
            return {
                guard
                    let row = try? connection.execute(
                        """
                        SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))::bigint,
                               max(extract(epoch FROM replay_lag))::float8
                          FROM pg_stat_replication
                        """
                    ).rows.first, let bytes = row.values[0].flatMap({ Int($0) })
                else { return }
                let seconds = row.values[1].flatMap { Double($0) }
                worst.figures.withLock { figures in
                    var updated = figures ?? ReplicaLagFigures(samples: 0, worstBytes: 0, worstReplayLagS: nil)
                    updated.samples += 1
                    updated.worstBytes = max(updated.worstBytes, bytes)
                    if let seconds { updated.worstReplayLagS = max(updated.worstReplayLagS ?? 0, seconds) }
                    figures = updated
                }
            }
        }
        let result = Result { try body() }
        thread.stop()
        return (try result.get(), worst.figures.withLock { $0 })
    }
}
