import Synchronization

/// A request to stop, set from a signal handler or another thread and read by the runner between ranges.
public final class StopSignal: Sendable {
    private let reason = Mutex<String?>(nil)

    /// Creates an unset signal.
    public init() {}

    /// Asks the runner to stop after the current range; the first reason given is kept.
    public func request(_ why: String) {
        reason.withLock { current in
            if current == nil { current = why }
        }
    }

    /// Why a stop was requested, or `nil` when none was.
    public var requested: String? {
        reason.withLock { $0 }
    }
}
