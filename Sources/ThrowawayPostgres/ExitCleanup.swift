import Foundation
import Synchronization

/// Tears down the clusters still running when the process exits normally (`atexit`), so that none outlives the
/// tests or the benchmark; the orphan guard covers every other way a process ends.
enum ExitCleanup {
    private static let clusters = Mutex<[PostgresCluster]>([])
    private static let hook: Void = {
        atexit { ExitCleanup.clusters.withLock { $0 }.forEach { $0.shutdown() } }
    }()

    /// Tears `cluster` down at exit unless it is shut down before.
    static func register(_ cluster: PostgresCluster) {
        hook
        clusters.withLock { $0.append(cluster) }
    }

    /// Forgets `cluster`, which was shut down.
    static func unregister(_ cluster: PostgresCluster) {
        clusters.withLock { $0.removeAll { $0 === cluster } }
    }
}
