import Foundation

/// Carries events from the worker threads to the thread that called `Runner.run(onEvent:)`, in the order they
/// happened, so the caller's event handler never runs on two threads at once.
final class EventRelay: @unchecked Sendable {
    // Every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [RunEvent] = []
    private var running: Int

    /// A relay for `workers` threads.
    init(workers: Int) {
        running = workers
    }

    /// Queues an event; from any thread.
    func post(_ event: RunEvent) {
        condition.lock()
        queue.append(event)
        condition.signal()
        condition.unlock()
    }

    /// Says that one worker thread has ended; from that thread.
    func workerEnded() {
        condition.lock()
        running -= 1
        condition.signal()
        condition.unlock()
    }

    /// Hands every event to `deliver` on the calling thread until all workers have ended and the queue is empty.
    func deliver(to deliver: (RunEvent) -> Void) {
        while true {
            condition.lock()
            while queue.isEmpty && running > 0 { condition.wait() }
            let events = queue
            queue.removeAll()
            let finished = running == 0
            condition.unlock()
            events.forEach(deliver)
            if finished && events.isEmpty { return }
        }
    }
}
