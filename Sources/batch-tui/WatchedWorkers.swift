import BatchEngine
import Dashboard
import Foundation

/// The workers the state tables list, read at each poll: what each reports, how old its heartbeat is on the
/// database's clock, and whether it went stale or gone. A worker no longer listed shows as gone for a while.
struct WatchedWorkers: Sendable {
    /// The workers listed at the last poll, in display order, with their ids.
    private var listed: [(id: Int64, worker: DashboardState.Worker)] = []
    /// The workers listed before and not since, with when they were first missed.
    private var departed: [(id: Int64, worker: DashboardState.Worker, since: Date)] = []

    /// A heartbeat older than this marks a worker stale: workers renew theirs at least every quarter of their
    /// claims' 60 s lifetime by default, so this is two renewals missed.
    static let staleAfter: Double = 30
    /// How long a worker no longer listed shows as gone.
    static let goneShownFor: TimeInterval = 10

    /// Takes in the workers of `state`, leaving out those of run `ownRun` (this process's, which its events tell),
    /// read at `now`.
    mutating func observe(_ state: StateSnapshot, leavingOut ownRun: Int64?, at now: Date) {
        let records = state.workers.filter { $0.runID != ownRun }.sorted { lhs, rhs in
            (lhs.runID, lhs.name.count, lhs.name) < (rhs.runID, rhs.name.count, rhs.name)
        }
        let ids = Set(records.map(\.id))
        departed.removeAll { ids.contains($0.id) || now.timeIntervalSince($0.since) > Self.goneShownFor }
        for (id, worker) in listed where !ids.contains(id) {
            var gone = worker
            gone.health = .gone
            gone.rate = nil
            departed.append((id, gone, now))
        }
        listed = records.map { ($0.id, Self.worker($0, in: state)) }
    }

    /// No run is watched any more: no worker shows.
    mutating func clear() {
        self = WatchedWorkers()
    }

    /// The lines: the workers listed, then those gone.
    var lines: [DashboardState.Worker] {
        listed.map(\.worker) + departed.map(\.worker)
    }

    /// Why a listed worker holds its ranges back for a throttle signal, if one does.
    var reason: String? {
        listed.lazy.compactMap { entry -> String? in
            guard entry.worker.health == .live, case .throttled(let reason) = entry.worker.activity else { return nil }
            return reason
        }.first
    }

    /// The line of `record`: stale when its heartbeat is older than `staleAfter` or the claim it holds expired.
    private static func worker(_ record: WorkerRecord, in state: StateSnapshot) -> DashboardState.Worker {
        let clock = state.databaseTime
        let beat = record.heartbeatAt.flatMap(StateTime.seconds)
        let age = clock.flatMap { clock in beat.map { max(0, clock - $0) } }
        let claim = record.step.flatMap { state.steps[$0] }?.chunks.first { chunk in
            chunk.id == record.chunk && chunk.claimedBy == record.id && !chunk.isDone
        }
        let expired = clock.flatMap { clock in claim?.claimExpiresAt.map { $0 < clock } } ?? false
        let stale = (age ?? 0) > staleAfter || expired
        return DashboardState.Worker(
            name: record.name, process: DashboardState.Process(host: record.host, pid: record.pid),
            step: record.step, chunk: record.chunk, rate: record.rate,
            activity: DashboardState.Worker.Activity(reported: record.state ?? "idle"), heartbeatAge: age,
            health: stale ? .stale : .live)
    }
}
