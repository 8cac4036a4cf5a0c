import Testing

@testable import Dashboard

/// Snapshots of the pure renderer: each state's screen, line by line, exactly (colourless ones hold no escape byte).
@Suite struct RendererSnapshotTests {
    /// Compares the render of `state` with `expected`, line by line.
    func expect(
        _ state: DashboardState, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lines = DashboardRenderer.render(state)
        #expect(lines.count == expected.count, sourceLocation: sourceLocation)
        for (index, (line, wanted)) in zip(lines, expected).enumerated() {
            #expect(line == wanted, "line \(index + 1)", sourceLocation: sourceLocation)
        }
        if !state.colour {
            #expect(!lines.joined().contains("\u{1B}"), "no escape byte without colour", sourceLocation: sourceLocation)
        }
    }

    /// Nothing known yet: every step pending, the first one at the head, the lease not taken.
    @Test func fresh() {
        expect(
            Fixtures.sized(Fixtures.fresh, 80, 16),
            [
                "batch-tui  /srv/app.sqlite                                          STARTING  0s",
                "driver: not known yet (checking the queue)",
                "────────────────────────────────────────────────────────────────────────────────",
                "▸ 0001_create_catalog       ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0002_seed_products        ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0003_add_slug_column      ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0004_backfill_slugs       ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0005_raise_prices         ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ -",
                "",
                "",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   0%  0/8 steps  ETA -",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// Half way through the backfill: finished steps, the head step with its rate and ETA, the overall ETA.
    @Test func midRun() {
        expect(
            Fixtures.sized(Fixtures.midRun, 80, 18),
            [
                "batch-tui  /srv/app.sqlite                                          RUNNING  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "▸ 0004_backfill_slugs       ██████░░░░░░░   512,000/1,000,000  412k/s ETA 2s",
                "· 0005_raise_prices         ░░░░░░░░░░░░░                   -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░                   -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░                   -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░                   -",
                "",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 2s+",
                "  run 1: 8 steps pending",
                "  ✓ 0002_seed_products done: 1,000,000 rows",
                "  ▸ 0004_backfill_slugs started",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// Attached to another host's paused, throttled run: its host and pid, `resume`, `S` and `detach` keys.
    @Test func pausedAttached() {
        expect(
            Fixtures.sized(Fixtures.pausedAttached, 80, 18),
            [
                "batch-tui  /srv/app.sqlite                                        PAUSED  12m34s",
                "driver: deploy-2 pid 917 (attached) · throttle 0.5",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "▸ 0004_backfill_slugs       ██████░░░░░░░   512,000/1,000,000  1.2k/s ETA 6m31s",
                "· 0005_raise_prices         ░░░░░░░░░░░░░                   -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░                   -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░                   -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░                   -",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ███████████████████░░░░░░░░░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 6m31s+",
                "  ✓ 0002_seed_products done: 1,000,000 rows",
                "  ▸ 0004_backfill_slugs started",
                "  pause requested from deploy-2 pid 917",
                "  pause requested",
                "p resume  +/- throttle  S stop runner  q detach  ? help",
            ])
    }

    /// A failed step: its mark, no rate, the errors marked `!`, the exit prompt instead of the keys.
    @Test func failedWithError() {
        expect(
            Fixtures.sized(Fixtures.failed, 80, 18),
            [
                "batch-tui  /srv/app.sqlite                                           FAILED  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "✗ 0004_backfill_slugs       ██████░░░░░░░   512,000/1,000,000",
                "· 0005_raise_prices         ░░░░░░░░░░░░░                   -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░                   -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░                   -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░                   -",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall █████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA -",
                "  ✓ 0002_seed_products done: 1,000,000 rows",
                "  ▸ 0004_backfill_slugs started",
                "! 0004_backfill_slugs failed: UNIQUE constraint failed: products.slug (at updat…",
                "! step 0004_backfill_slugs failed: UNIQUE constraint failed: products.slug",
                "failed · press any key to exit",
            ])
    }

    /// Every step done, the overall bar full, no ETA.
    @Test func drained() {
        expect(
            Fixtures.sized(Fixtures.drained, 80, 18),
            [
                "batch-tui  /srv/app.sqlite                                        DRAINED  1m05s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "✓ 0004_backfill_slugs       █████████████ 1,000,000/1,000,000",
                "✓ 0005_raise_prices         █████████████ 1,000,000/1,000,000",
                "✓ 0006_index_slugs          █████████████                   -",
                "✓ 0007_trim_titles          █████████████ 1,000,000/1,000,000",
                "✓ 0008_record_catalog_stats █████████████                   1",
                "",
                "",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ██████████████████████████████████████████████████ 100%  8/8 steps",
                "  ✓ 0008_record_catalog_stats done: 1 row",
                "  drained: all 8 steps are done",
                "drained · press any key to exit",
            ])
    }

    /// 40 columns, 12 rows: short counts, no rate or ETA column, finished steps folded, no rules.
    @Test func fortyColumns() {
        expect(
            Fixtures.sized(Fixtures.midRun, 40, 12),
            [
                "batch-tui  /srv/app.sqlite  RUNNING  12s",
                "driver: this process (ci-7 pid 4242) · …",
                "✓ 3 steps done",
                "▸ 0004_backfill_s… █████░░░░░░ 512k/1.0M",
                "· 0005_raise_pric… ░░░░░░░░░░░         -",
                "· 0006_index_slugs ░░░░░░░░░░░         -",
                "· 0007_trim_titles ░░░░░░░░░░░         -",
                "· 0008_record_cat… ░░░░░░░░░░░         -",
                "",
                "overall ████████░░░░░░░░░░░░ 43% 3/8 2s+",
                "  ▸ 0004_backfill_slugs started",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// 40 columns attached: the database path cut from the left, the keys without labels.
    @Test func fortyColumnsAttached() {
        expect(
            Fixtures.sized(Fixtures.pausedAttached, 40, 12),
            [
                "batch-tui  …v/app.sqlite  PAUSED  12m34s",
                "driver: deploy-2 pid 917 (attached) · t…",
                "✓ 3 steps done",
                "▸ 0004_backfill_s… █████░░░░░░ 512k/1.0M",
                "· 0005_raise_pric… ░░░░░░░░░░░         -",
                "· 0006_index_slugs ░░░░░░░░░░░         -",
                "· 0007_trim_titles ░░░░░░░░░░░         -",
                "· 0008_record_cat… ░░░░░░░░░░░         -",
                "",
                "overall ███████░░░░░░░░░░ 43% 3/8 6m31s+",
                "  pause requested",
                "p +/- S q ?",
            ])
    }

    /// `?` covers the step list with the keys that work when attached.
    @Test func helpOverlay() {
        expect(
            Fixtures.sized(Fixtures.pausedAttached, 80, 18, help: true),
            [
                "batch-tui  /srv/app.sqlite                                        PAUSED  12m34s",
                "driver: deploy-2 pid 917 (attached) · throttle 0.5",
                "────────────────────────────────────────────────────────────────────────────────",
                "Keys",
                "  p       pause or resume, after the current range",
                "  + -     throttle up or down: 0 0.25 0.5 1 2 4",
                "  q       detach and exit; the runs watched go on",
                "  Ctrl-C  same as q",
                "  S       ask every run watched to stop after its ranges",
                "  ?       close this help",
                "",
                "Pause, resume and throttle are requests in the state tables:",
                "they reach every worker of every process on the queue.",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ███████████████████░░░░░░░░░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 6m31s+",
                "  pause requested from deploy-2 pid 917",
                "  pause requested",
                "p resume  +/- throttle  S stop runner  q detach  ? close help",
            ])
    }

    /// Five rows: the head step alone between the header and the overall line.
    @Test func fiveRows() {
        expect(
            Fixtures.sized(Fixtures.midRun, 60, 5),
            [
                "batch-tui  /srv/app.sqlite                      RUNNING  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "▸ 0004_backfill_slugs      ████░░░░ 512k/1.0M  412k/s 2s",
                "overall ███████████░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 2s+",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// Three rows: title, overall, keys.
    @Test func threeRows() {
        expect(
            Fixtures.sized(Fixtures.midRun, 60, 3),
            [
                "batch-tui  /srv/app.sqlite                      RUNNING  12s",
                "overall ███████████░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 2s+",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// With colour: a bold title, the failure and its errors in red, done parts green, a bold prompt.
    @Test func colourFailure() {
        expect(
            Fixtures.sized(Fixtures.failed, 60, 8, colour: true),
            [
                "\u{1B}[1mbatch-tui\u{1B}[0m  /srv/app.sqlite                       \u{1B}[1;31mFAILED\u{1B}[0m  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "\u{1B}[32m✓\u{1B}[0m 3 steps done",
                "\u{1B}[1;31m✗\u{1B}[0m \u{1B}[1m0004_backfill_slugs\u{1B}[0m      \u{1B}[1;31m████\u{1B}[0m░░░░ 512k/1.0M",
                "  … 4 more",
                "\u{1B}[1moverall \u{1B}[0m\u{1B}[32m████████████\u{1B}[0m░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA -",
                "\u{1B}[1;31m! step 0004_backfill_slugs failed: UNIQUE constraint failed…\u{1B}[0m",
                "\u{1B}[1mfailed · press any key to exit\u{1B}[0m",
            ])
    }

    /// With colour: the state green, the head step's mark and bar cyan and its id bold, key caps reversed.
    @Test func colourRunning() {
        expect(
            Fixtures.sized(Fixtures.midRun, 80, 6, colour: true),
            [
                "\u{1B}[1mbatch-tui\u{1B}[0m  /srv/app.sqlite                                          \u{1B}[32mRUNNING\u{1B}[0m  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "\u{1B}[36m▸\u{1B}[0m \u{1B}[1m0004_backfill_slugs\u{1B}[0m       \u{1B}[36m██████\u{1B}[0m░░░░░░░   512,000/1,000,000  412k/s ETA 2s",
                "  … 4 more",
                "\u{1B}[1moverall \u{1B}[0m\u{1B}[32m████████████████████\u{1B}[0m░░░░░░░░░░░░░░░░░░░░░░░░░░░  43%  3/8 steps  ETA 2s+",
                "\u{1B}[7m p \u{1B}[0m pause  \u{1B}[7m +/- \u{1B}[0m throttle  \u{1B}[7m q \u{1B}[0m stop  \u{1B}[7m ? \u{1B}[0m help",
            ])
    }
}
