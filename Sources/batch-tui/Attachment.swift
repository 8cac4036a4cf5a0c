import BatchEngine
import Foundation
import Synchronization

/// Watches a run another process drives: polls its queue read-only a few times a second into the store, until the
/// run ends or the dashboard closes. It never writes, so it never takes or steals the lease.
final class Attachment: Sendable {
    /// Set when the dashboard closes.
    private let cancelled = Atomic<Bool>(false)

    /// How often the queue is read.
    static let interval: Duration = .milliseconds(250)

    /// Starts polling the queue in `backend`, planned with `steps`.
    init(backend: any BatchBackend, steps: [any Step], store: SessionStore) {
        let thread = Thread { [self] in poll(backend: backend, steps: steps, store: store) }
        thread.name = "batch-tui poller"
        thread.start()
    }

    /// Stops polling.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// The polling loop; a read that meets a lock is skipped, other failures become messages.
    private func poll(backend: any BatchBackend, steps: [any Step], store: SessionStore) {
        let database: any BatchDatabase
        do {
            database = try backend.connect(.observer)
        } catch {
            store.update { $0.fatal = error as? BatchError ?? BatchError(.invalidInput, "\(error)") }
            return
        }
        var tracker = RateTracker()
        while !cancelled.load(ordering: .relaxed) {
            do {
                let status = try QueueStatus.read(from: database, steps: steps)
                let meters = tracker.observe(status, at: .now)
                let ended = store.update { model in
                    model.apply(status, meters: meters, now: .now)
                    return model.outcome != nil
                }
                if ended { return }
            } catch {
                let failure = database.classify(error)
                if failure.kind != .transient {
                    store.update { $0.note("cannot read the queue: \(failure.message)", isError: true) }
                }
            }
            Thread.sleep(forTimeInterval: Self.interval.seconds)
        }
    }
}
