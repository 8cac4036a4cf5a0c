import Foundation
import Synchronization

/// A thread of its own that sets itself up once, then runs a tick about every `interval` until stopped: the
/// application writer and the replica lag sampler run beside a measured run this way.
///
/// Ticks keep to a fixed cadence; a tick that overruns (a write blocked by a lock) is followed at once by the next.
final class PeriodicThread: Sendable {
    /// Set by `stop()`; the thread ends after its current tick.
    private let stopRequested = Atomic<Bool>(false)
    /// Signalled once when set-up is done, and once when the thread ends.
    private let signals = DispatchSemaphore(value: 0)
    /// Why set-up failed, if it did.
    private let setUpFailure = Mutex<String?>(nil)

    /// Starts the thread and returns once `setUp` ran on it; the closure `setUp` returns is then called about every
    /// `interval` on that thread, so what it captures (a connection) never leaves it.
    /// - Throws: `BenchError` with the set-up's error when it fails.
    init(name: String, interval: Duration, _ setUp: @escaping @Sendable () throws -> () -> Void) throws {
        let thread = Thread { [self] in
            run(interval: interval, setUp)
        }
        thread.name = name
        thread.start()
        signals.wait()
        if let failure = setUpFailure.withLock({ $0 }) {
            signals.wait()
            throw BenchError("\(name): \(failure)")
        }
    }

    /// Sets up, signals, ticks until stopped, signals again.
    private func run(interval: Duration, _ setUp: () throws -> () -> Void) {
        defer { signals.signal() }
        let tick: () -> Void
        do {
            tick = try setUp()
        } catch {
            setUpFailure.withLock { $0 = "\(error)" }
            signals.signal()
            return
        }
        signals.signal()
        let clock = ContinuousClock()
        var next = clock.now
        while !stopRequested.load(ordering: .relaxed) {
            tick()
            next = max(next + interval, clock.now)
            let wait = next - clock.now
            if wait > .zero { usleep(UInt32(wait / .microseconds(1))) }
        }
    }

    /// Asks the thread to stop and waits until its last tick is over.
    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        signals.wait()
    }
}
