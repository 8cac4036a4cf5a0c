import BatchCLI
import BatchEngine
import Foundation
import Synchronization

/// Reads the queue a few times a second into the store, read-only, until told to stop or the model says the run
/// ended: a run other processes drive while attached, or the chunks and other processes' workers of the run this
/// process drives. It never writes, so it never takes a lease or a claim.
final class QueuePoller: Sendable {
    /// Set when the dashboard closes.
    private let cancelled = Atomic<Bool>(false)

    /// Starts reading the queue in `backend`, planned with `steps`, every `interval`; `apply` takes each read into
    /// the model and says whether the run ended.
    init(
        backend: any BatchBackend, steps: [any Step], store: SessionStore, every interval: Duration,
        apply: @escaping @Sendable (inout SessionModel, QueueStatus, Date) -> Bool
    ) {
        let thread = Thread { [self] in
            poll(backend: backend, steps: steps, store: store, every: interval, apply: apply)
        }
        thread.name = "batch-tui poller"
        thread.start()
    }

    /// Stops polling.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// The polling loop; a read that meets a lock is skipped, other failures become messages.
    private func poll(
        backend: any BatchBackend, steps: [any Step], store: SessionStore, every interval: Duration,
        apply: (inout SessionModel, QueueStatus, Date) -> Bool
    ) {
        let database: any BatchDatabase
        do {
            database = try backend.connect(.observer)
        } catch {
            let error = BatchError(reporting: error)
            store.update { model in
                // Attached, the session cannot go on without it; driving, the run goes on without chunks.
                if model.mode == .attached {
                    model.fatal = error
                } else {
                    model.note("cannot read the queue: \(error.message)", isError: true)
                }
            }
            return
        }
        defer { database.close() }
        while !cancelled.load(ordering: .relaxed) {
            do {
                let status = try QueueStatus.read(from: database, steps: steps)
                if store.update({ apply(&$0, status, .now) }) { return }
            } catch {
                let failure = database.classify(error)
                if failure.kind != .transient {
                    store.update { $0.note("cannot read the queue: \(failure.message)", isError: true) }
                }
            }
            Thread.sleep(forTimeInterval: interval.seconds)
        }
    }
}
