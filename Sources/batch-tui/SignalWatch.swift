import Dispatch
import Foundation
import Synchronization

/// Counts SIGINT, SIGTERM and SIGHUP instead of letting them end the process, so the UI loop can stop the run
/// gracefully and restore the terminal before it exits.
final class SignalWatch {
    /// The signals received so far.
    private let log = SignalLog()
    /// The dispatch sources that count them.
    private let sources: [any DispatchSourceSignal]

    /// Starts counting.
    init() {
        let log = log
        sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { log.record(name) }
            source.resume()
            return source
        }
    }

    /// Stops counting; the signals stay ignored.
    deinit {
        sources.forEach { $0.cancel() }
    }

    /// How many of the signals arrived so far, and the name of the last one.
    var received: (count: Int, last: String) { log.state }
}

/// The signals seen, written by handlers on any thread.
private final class SignalLog: Sendable {
    /// How many signals came, and the name of the last.
    private let signals = Mutex((count: 0, last: ""))

    /// Records one more signal.
    func record(_ name: String) {
        signals.withLock { $0 = ($0.count + 1, name) }
    }

    /// The count and the last name.
    var state: (count: Int, last: String) { signals.withLock { $0 } }
}
