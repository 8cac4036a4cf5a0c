import BatchEngine
import Dashboard
import Dispatch

/// Sends pause, resume, throttle and stop requests through the state tables (`ControlRequest.send(to:)`), so they
/// reach every worker of the queue, whichever process runs it; off the UI thread, one at a time, outcomes reported
/// as messages.
struct ControlChannel: Sendable {
    /// Where the queue lives.
    let backend: any BatchBackend
    /// Where outcomes are reported.
    let store: SessionStore
    /// Serialises the requests.
    private let queue = DispatchQueue(label: "batch-tui.control")

    /// A channel to the queue in `backend`.
    init(store: SessionStore, backend: any BatchBackend) {
        self.store = store
        self.backend = backend
    }

    /// Sends `request` in the background.
    func send(_ request: ControlRequest) {
        queue.async { [backend, store] in
            let (text, isError) = Self.deliver(request, to: backend)
            store.update { $0.note(text, isError: isError) }
        }
    }

    /// Writes `request` into the queue.
    /// - Returns: what happened, and whether that is an error.
    private static func deliver(_ request: ControlRequest, to backend: any BatchBackend) -> (String, Bool) {
        do {
            let reached = try request.send(to: backend)
            guard !reached.isEmpty else { return ("no run is active; nothing to \(request)", true) }
            return ("\(request) requested from \(reached.joined(separator: ", "))", false)
        } catch {
            return ("could not request \(request): \((error as? BatchError)?.message ?? "\(error)")", true)
        }
    }
}
