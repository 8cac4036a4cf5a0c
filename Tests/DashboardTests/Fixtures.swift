import Dashboard

/// Dashboard states of the demo queue at the moments the snapshot tests render.
enum Fixtures {
    /// The demo's step ids, in run order.
    static let ids = [
        "0001_create_catalog", "0002_seed_products", "0003_add_slug_column", "0004_backfill_slugs",
        "0005_raise_prices", "0006_index_slugs", "0007_trim_titles", "0008_record_catalog_stats",
    ]

    /// A database batchrun never touched: every step pending, nothing known, the lease not taken yet.
    static var fresh: DashboardState {
        DashboardState(
            database: "/srv/app.sqlite", steps: ids.map { DashboardState.Step(id: $0, status: .pending) })
    }

    /// This process drives; three steps are done and the slug backfill is half way.
    static var midRun: DashboardState {
        var steps = ids.map { DashboardState.Step(id: $0, status: .pending) }
        steps[0].status = .done
        steps[1] = .init(id: ids[1], status: .done, processed: 1_000_000, total: 1_000_000)
        steps[2].status = .done
        steps[3] = .init(
            id: ids[3], status: .running, processed: 512_000, total: 1_000_000, rate: 412_345, secondsLeft: 1.18)
        return DashboardState(
            database: "/srv/app.sqlite", driver: .thisProcess(.init(host: "ci-7", pid: 4242)), runState: .running,
            throttle: 0, steps: steps,
            messages: [
                .init("run 1: 8 steps pending"), .init("✓ 0002_seed_products done: 1,000,000 rows"),
                .init("▸ 0004_backfill_slugs started"),
            ],
            elapsed: .seconds(12))
    }

    /// Attached to another host's runner, which a request paused, throttled to half speed.
    static var pausedAttached: DashboardState {
        var state = midRun
        state.driver = .others([.init(host: "deploy-2", pid: 917)])
        state.runState = .paused
        state.throttle = 0.5
        state.steps[3].rate = 1_250
        state.steps[3].secondsLeft = 390.4
        state.messages += [.init("pause requested from deploy-2 pid 917"), .init("pause requested")]
        state.elapsed = .seconds(754)
        return state
    }

    /// This process drives three workers on PostgreSQL; the backfill is split into eight chunks, three done, three
    /// held by the workers, two not begun.
    static var chunked: DashboardState {
        var state = midRun
        state.database = "postgres://app@db-1/shop"
        state.steps[3].processed = 412_000
        state.steps[3].rate = 415_000
        state.steps[3].secondsLeft = 1.4
        state.steps[3].chunks = [
            .init(processed: 125_000, estimate: 125_000, isDone: true),
            .init(processed: 125_000, estimate: 125_000, isDone: true),
            .init(processed: 78_000, estimate: 125_000, isHeld: true),
            .init(processed: 40_000, estimate: 125_000, isHeld: true),
            .init(processed: 125_000, estimate: 125_000, isDone: true),
            .init(processed: 7_000, estimate: 125_000, isHeld: true),
            .init(estimate: 125_000),
            .init(estimate: 125_000),
        ]
        state.workers = [
            .init(name: "w1", step: ids[3], chunk: 3, rate: 141_200, activity: .running),
            .init(name: "w2", step: ids[3], chunk: 4, rate: 138_900, activity: .running),
            .init(name: "w3", step: ids[3], chunk: 11, rate: 134_700, activity: .running),
        ]
        state.messages += [.init("w3: split chunk 7 of 0004_backfill_slugs after 687500 and took the far part")]
        return state
    }

    /// Attached to two processes' runs; the second one's workers wait for a lagging replica, one worker of the
    /// first has not proved alive for 41 s, and a third process's worker just went away.
    static var throttledAttached: DashboardState {
        var state = chunked
        let first = DashboardState.Process(host: "deploy-1", pid: 12)
        let second = DashboardState.Process(host: "deploy-2", pid: 40)
        state.driver = .others([first, second])
        state.runState = .throttled
        state.throttle = 0
        state.throttleReason = "replica lag 2.9 s > 1 s"
        state.workers = [
            .init(
                name: "w1", process: first, step: ids[3], chunk: 3, rate: 141_200, activity: .running,
                heartbeatAge: 0.4),
            .init(
                name: "w2", process: first, step: ids[3], chunk: 4, rate: 0, activity: .running, heartbeatAge: 41.2,
                health: .stale),
            .init(
                name: "w1", process: second, step: ids[3], chunk: 11, activity: .throttled("replica lag 2.9 s > 1 s"),
                heartbeatAge: 2.1),
            .init(name: "w2", process: second, activity: .throttled("replica lag 2.9 s > 1 s"), heartbeatAge: 2.1),
            .init(name: "w1", process: .init(host: "ci-9", pid: 77), heartbeatAge: 3, health: .gone),
        ]
        state.messages = [
            .init("throttled: replica lag 2.9 s > 1 s"),
            .init("took over chunk 4 of 0004_backfill_slugs from ci-9 pid 77 w1, whose claim lapsed"),
        ]
        state.elapsed = .seconds(95)
        return state
    }

    /// The backfill failed on a duplicate slug; the run is over.
    static var failed: DashboardState {
        var state = midRun
        state.runState = .failed
        state.steps[3].status = .failed
        state.steps[3].rate = nil
        state.steps[3].secondsLeft = nil
        state.messages += [
            .init(
                "0004_backfill_slugs failed: UNIQUE constraint failed: products.slug"
                    + " (at updates/0004_backfill_slugs.sql:2)", isError: true),
            .init("step 0004_backfill_slugs failed: UNIQUE constraint failed: products.slug", isError: true),
        ]
        state.prompt = "failed · press any key to exit"
        return state
    }

    /// Every step done.
    static var drained: DashboardState {
        var state = midRun
        state.runState = .drained
        for index in state.steps.indices {
            state.steps[index].status = .done
            state.steps[index].rate = nil
            state.steps[index].secondsLeft = nil
        }
        state.steps[3].processed = 1_000_000
        state.steps[4] = .init(id: ids[4], status: .done, processed: 1_000_000, total: 1_000_000)
        state.steps[6] = .init(id: ids[6], status: .done, processed: 1_000_000, total: 1_000_000)
        state.steps[7].processed = 1
        state.messages = [.init("✓ 0008_record_catalog_stats done: 1 row"), .init("drained: all 8 steps are done")]
        state.elapsed = .seconds(65)
        state.prompt = "drained · press any key to exit"
        return state
    }

    /// `state` on a terminal of `width` by `height`, in colour or not, with the help overlay or not.
    static func sized(
        _ state: DashboardState, _ width: Int, _ height: Int, colour: Bool = false, help: Bool = false
    ) -> DashboardState {
        var state = state
        state.width = width
        state.height = height
        state.colour = colour
        state.showsHelp = help
        return state
    }

    /// Every fixture.
    static var all: [DashboardState] {
        [fresh, midRun, pausedAttached, failed, drained, chunked, throttledAttached]
    }
}
