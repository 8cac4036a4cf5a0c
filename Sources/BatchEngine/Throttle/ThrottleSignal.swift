/// A condition outside the queue that holds new ranges back while it lasts: a replica lagging behind, a throttle
/// query answering true. The run's monitor checks each signal at its interval; workers wait between ranges.
public protocol ThrottleSignal: Sendable {
    /// How often the signal is checked.
    var interval: Duration { get }

    /// Refuses a signal that cannot work (bad SQL, an unreachable replica) before anything is written.
    /// - Throws: `BatchError` (`.usage`) saying what is wrong.
    func validate(on database: any BatchDatabase) throws

    /// Checks the signal once, on the run's coordinator connection.
    /// - Returns: why ranges must wait now ("replica lag 2.9 s > 1 s"), or `nil` when they may go on.
    func check(on database: any BatchDatabase) throws -> String?
}
