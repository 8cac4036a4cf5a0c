import Synchronization

/// The session model behind a lock: the runner thread, the poller and the control channel write it, the UI
/// thread reads a copy per frame.
final class SessionStore: Sendable {
    /// The model.
    private let model: Mutex<SessionModel>

    /// A store holding `model`.
    init(_ model: SessionModel) {
        self.model = Mutex(model)
    }

    /// A copy of the model now.
    var snapshot: SessionModel {
        model.withLock { $0 }
    }

    /// Changes the model under the lock and returns what `body` returns.
    @discardableResult
    func update<Result: Sendable>(_ body: (inout SessionModel) -> Result) -> Result {
        model.withLock { body(&$0) }
    }
}
