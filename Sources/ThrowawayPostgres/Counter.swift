import Synchronization

/// A number that goes up by one each time it is read, from any thread.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next number: 1, 2, 3...
    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}
