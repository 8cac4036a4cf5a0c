import Dispatch
import Foundation
import GRDB
import Synchronization

/// Another connection to a SQLite file, as an application's would be: on a thread of its own, it opens a
/// transaction and keeps it, with whatever lock its statements took, until it is released.
final class OtherConnection: Sendable {
    private let path: String
    private let released = DispatchSemaphore(value: 0)
    private let isReleased = Atomic<Bool>(false)
    private let failure = Mutex<(any Error)?>(nil)

    /// The longest a transaction is held, so that a failing test cannot hang.
    static let longestHold: Double = 10

    /// A connection to the file at `path`; nothing is opened before `hold(_:)`.
    init(path: String) {
        self.path = path
    }

    /// Runs `sql`, which begins a transaction (and may read or write in it), and returns once it has run; the
    /// transaction stays open until `release()`, or `longestHold` seconds.
    /// - Throws: the error `sql` raised, when it did.
    func hold(_ sql: String) throws {
        let ran = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do {
                try DatabaseQueue(path: path).inDatabase { db in
                    try db.execute(sql: sql)
                    ran.signal()
                    _ = released.wait(timeout: .now() + Self.longestHold)
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                failure.withLock { $0 = error }
                ran.signal()
            }
        }
        thread.start()
        ran.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Ends the transaction, from any thread; later calls do nothing.
    func release() {
        if !isReleased.exchange(true, ordering: .relaxed) { released.signal() }
    }
}
