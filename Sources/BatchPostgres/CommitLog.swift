import Synchronization

/// The WAL positions of this process's recent commits, and when they were made: a replica's lag is how long ago
/// the oldest commit it has not replayed was made, which stays true while the run itself pauses.
final class CommitLog: Sendable {
    private let entries = Mutex<[(position: UInt64, at: ContinuousClock.Instant)]>([])

    /// How many commits are remembered; older ones are forgotten first.
    static let capacity = 100_000

    /// Records a commit at the WAL position `text` (`16/B374D848`).
    func record(_ text: String) {
        guard let position = Self.position(text) else { return }
        let now = ContinuousClock.now
        entries.withLock { entries in
            entries.append((position, now))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
    }

    /// How long ago the oldest commit past `replayed` was made; zero when every recorded commit is replayed.
    func lag(replayed: UInt64, at now: ContinuousClock.Instant) -> Duration {
        entries.withLock { entries in entries.first { $0.position > replayed }.map { now - $0.at } ?? .zero }
    }

    /// Forgets the commits every replica has replayed.
    func forget(through replayed: UInt64) {
        entries.withLock { entries in entries.removeAll { $0.position <= replayed } }
    }

    /// A WAL position read from its text form.
    static func position(_ text: String) -> UInt64? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let high = UInt64(parts[0], radix: 16), let low = UInt64(parts[1], radix: 16) else {
            return nil
        }
        return high << 32 | low
    }
}
