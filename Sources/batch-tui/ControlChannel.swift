import BatchEngine
import Dashboard
import Dispatch

/// Sends pause, resume, throttle and stop requests through the state tables (`ControlRequest.send(to:)`), so they
/// reach whichever process holds the lease; off the UI thread, one at a time, outcomes reported as messages.
struct ControlChannel: Sendable {
    /// Opens (or hands out) the connection a request is written through.
    let connect: @Sendable () throws -> any BatchDatabase
    /// Where outcomes are reported.
    let store: SessionStore
    /// Serialises the requests.
    private let queue = DispatchQueue(label: "batch-tui.control")

    /// A channel writing through the connections `connect` gives.
    init(store: SessionStore, connect: @escaping @Sendable () throws -> any BatchDatabase) {
        self.store = store
        self.connect = connect
    }

    /// Sends `request` in the background.
    func send(_ request: ControlRequest) {
        queue.async { [connect, store] in
            let (text, isError) = Self.deliver(request, through: connect)
            store.update { $0.note(text, isError: isError) }
        }
    }

    /// Writes `request` through a connection `connect` gives.
    /// - Returns: what happened, and whether that is an error.
    private static func deliver(
        _ request: ControlRequest, through connect: () throws -> any BatchDatabase
    ) -> (String, Bool) {
        let name = name(of: request)
        let database: any BatchDatabase
        do {
            database = try connect()
        } catch {
            return ("could not request \(name): \(error)", true)
        }
        do {
            guard let holder = try request.send(to: database) else {
                return ("no runner holds the lease; nothing to \(name)", true)
            }
            return ("\(name) requested from \(holder.holder)", false)
        } catch {
            return ("could not request \(name): \((error as? BatchError)?.message ?? "\(error)")", true)
        }
    }

    /// `pause`, `resume`, `stop`, `throttle 0.5`.
    private static func name(of request: ControlRequest) -> String {
        switch request {
        case .pause: "pause"
        case .resume: "resume"
        case .stop: "stop"
        case .throttle(let fraction): "throttle \(DisplayFormat.throttle(fraction))"
        }
    }
}
