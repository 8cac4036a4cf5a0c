import BatchEngine
import ChildProcesses
import Foundation
import ThrowawayPostgres

/// (P8) The lag pause: the replica applies each commit only 3 s after it (`recovery_min_apply_delay`), and
/// `batchrun apply --max-replica-lag 1s` must hold its ranges back, then drain once the delay is lifted after ~4 s.
struct LagPauseScenario {
    /// The replica's apply delay while the run starts.
    static let applyDelay: Duration = .seconds(3)
    /// The run's `--max-replica-lag`.
    static let maximumLag = "1s"
    /// When, after the spawn, the delay is set back to 0.
    static let liftAfter: Duration = .seconds(4)

    /// The spawned executable.
    let batchrun: Batchrun
    /// The fixture the run gets a fresh copy of.
    let fixture: PostgresFixture
    /// The folder with the batched step.
    let updates: String

    /// Delays `replica`, runs the apply, lifts the delay after `liftAfter` and reads the run's throttle events.
    /// - Throws: `BenchError` when the run does not drain; a PostgreSQL or cluster error.
    func measure(replica: PostgresReplica) throws -> LagPauseFigures {
        try fixture.withCopy(named: "lag") { database in
            try replica.setApplyDelay(Self.applyDelay)
            var lifted: Duration?
            var liftFailure: (any Error)?
            defer { if lifted == nil { try? replica.setApplyDelay(.zero) } }
            let events = EventTail()
            let (run, lag) = try ReplicaLagSampler.during(primary: database) {
                try batchrun.apply(
                    database: database, updates: updates, arguments: ["--max-replica-lag", Self.maximumLag],
                    polling: .milliseconds(50), events: events
                ) { child in
                    let elapsed = ChildProcess.clock.now - child.started
                    guard lifted == nil, elapsed >= Self.liftAfter else { return }
                    do {
                        try replica.setApplyDelay(.zero)
                        lifted = elapsed
                    } catch {
                        liftFailure = error
                    }
                }
            }
            if let liftFailure { throw liftFailure }
            let drained = try run.drained("the apply under --max-replica-lag")
            let throttle = ThrottleEvents(events.lines, end: drained.termination.wall)
            try fixture.server.waitForReplicas()
            return LagPauseFigures(
                applyDelayS: Self.applyDelay.seconds, maximumLag: Self.maximumLag, liftedAtS: lifted?.seconds,
                wallS: drained.termination.wall.seconds, throttledS: throttle.throttled.seconds,
                throttleEvents: throttle.count, worstReportedLagS: throttle.worstReportedLagS,
                firstReason: throttle.reasons.first, lastReason: throttle.reasons.last, sampledLag: lag,
                ranges: drained.finished?.ranges ?? 0, exactlyOnce: try fixture.isExactlyOnce(database))
        }
    }
}
