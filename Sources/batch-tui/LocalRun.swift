import BatchCLI
import BatchEngine
import Foundation

/// The run this process drives: the engine's synchronous `Runner` on a background thread, its events applied to
/// the store as they come. Progress events come once a tick, so when the run ends the steps are read back from
/// the state tables: the last partial tick's ranges count too.
enum LocalRun {
    /// Starts the runner; a `BatchError` before the run starts (e.g. the queue held elsewhere) goes to the store.
    static func start(_ runner: Runner, steps: [any Step], store: SessionStore) {
        let thread = Thread {
            do {
                _ = try runner.run { event in
                    if case .runFinished = event, let status = try? QueueStatus.read(from: runner.backend, steps: steps)
                    {
                        store.update { model in
                            model.steps = status.entries.map { SessionModel.step($0, at: status.state.databaseTime) }
                        }
                    }
                    store.update { $0.apply(event, now: .now) }
                }
            } catch {
                store.update { $0.runDidNotStart(BatchError(reporting: error)) }
            }
        }
        thread.name = "batch-tui runner"
        thread.start()
    }
}
