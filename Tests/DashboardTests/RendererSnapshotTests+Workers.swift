import Testing

@testable import Dashboard

/// Snapshots of the chunk and worker sections: several workers, split steps, a throttle signal, narrow terminals.
extension RendererSnapshotTests {
    /// Three workers of this process on a step split into eight chunks: the chunk row under the step's bar, the
    /// workers right under the steps, without host or pid (they are this process's), the spare line below them.
    @Test func chunkedStepWithThreeWorkers() {
        expect(
            Fixtures.sized(Fixtures.chunked, 80, 24),
            [
                "batch-tui  postgres://app@db-1/shop                                 RUNNING  12s",
                "driver: this process (ci-7 pid 4242) · throttle 0",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "▸ 0004_backfill_slugs       █████░░░░░░░░   412,000/1,000,000  415k/s ETA 2s",
                "    3/8 chunks done         ██▅▃█▁░░",
                "· 0005_raise_prices         ░░░░░░░░░░░░░                   -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░                   -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░                   -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░                   -",
                "────────────────────────────────────────────────────────────────────────────────",
                "▸ w1 0004_backfill_slugs #3   141k/s running",
                "▸ w2 0004_backfill_slugs #4   138k/s running",
                "▸ w3 0004_backfill_slugs #11  134k/s running",
                "",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░  42%  3/8 steps  ETA 2s+",
                "  run 1: 8 steps pending",
                "  ✓ 0002_seed_products done: 1,000,000 rows",
                "  ▸ 0004_backfill_slugs started",
                "  w3: split chunk 7 of 0004_backfill_slugs after 687500 and took the far part",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// Attached to two runs, a replica lagging: the reason in the header, both processes named, each worker with
    /// its process, its heartbeat's age, a stale one and a gone one marked.
    @Test func throttledAttachedToTwoRuns() {
        expect(
            Fixtures.sized(Fixtures.throttledAttached, 80, 24),
            [
                "batch-tui  postgres://app@db-1/shop    THROTTLED: replica lag 2.9 s > 1 s  1m35s",
                "driver: 2 runs: deploy-1 pid 12, deploy-2 pid 40 (attached) · throttle 0",
                "────────────────────────────────────────────────────────────────────────────────",
                "✓ 0001_create_catalog       █████████████                   -",
                "✓ 0002_seed_products        █████████████ 1,000,000/1,000,000",
                "✓ 0003_add_slug_column      █████████████                   -",
                "▸ 0004_backfill_slugs       █████░░░░░░░░   412,000/1,000,000  415k/s ETA 2s",
                "    3/8 chunks done         ██▅▃█▁░░",
                "· 0005_raise_prices         ░░░░░░░░░░░░░                   -",
                "· 0006_index_slugs          ░░░░░░░░░░░░░                   -",
                "· 0007_trim_titles          ░░░░░░░░░░░░░                   -",
                "· 0008_record_catalog_stats ░░░░░░░░░░░░░                   -",
                "────────────────────────────────────────────────────────────────────────────────",
                "▸ deploy-1 pid 12 w1 0004_backfill_slugs #3   141k/s running · 1s ago",
                "? deploy-1 pid 12 w2 0004_backfill_slugs #4          stale 42s · running",
                "‖ deploy-2 pid 40 w1 0004_backfill_slugs #11         throttled · 3s ago",
                "‖ deploy-2 pid 40 w2 -                               throttled · 3s ago",
                "✗ ci-9 pid 77 w1     -                               gone",
                "",
                "────────────────────────────────────────────────────────────────────────────────",
                "overall ████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░  42%  3/8 steps  ETA 2s+",
                "  throttled: replica lag 2.9 s > 1 s",
                "  took over chunk 4 of 0004_backfill_slugs from ci-9 pid 77 w1, whose claim lap…",
                "p pause  +/- throttle  S stop runner  q detach  ? help",
            ])
    }

    /// 40 columns, 12 rows, driving: the chunk row after its count, the workers' tasks cut before the chunk, no
    /// rules.
    @Test func fortyColumnsWithWorkers() {
        expect(
            Fixtures.sized(Fixtures.chunked, 40, 12),
            [
                "batch-tui  …/app@db-1/shop  RUNNING  12s",
                "driver: this process (ci-7 pid 4242) · …",
                "✓ 3 steps done",
                "▸ 0004_backfill_s… ████░░░░░░░ 412k/1.0M",
                "    3/8 chunks done  ██▅▃█▁░░",
                "  … 4 more",
                "▸ w1 0004_backfill… #3  141k/s running",
                "▸ w2 0004_backfill… #4  138k/s running",
                "▸ w3 0004_backfil… #11  134k/s running",
                "overall ████████░░░░░░░░░░░░ 42% 3/8 2s+",
                "  w3: split chunk 7 of 0004_backfill_sl…",
                "p pause  +/- throttle  q stop  ? help",
            ])
    }

    /// 40 columns attached and throttled: the reason cut in the header, labels without hosts, `throttled` without
    /// its reason, the rate column gone where the task needs it.
    @Test func fortyColumnsThrottled() {
        expect(
            Fixtures.sized(Fixtures.throttledAttached, 40, 16),
            [
                "…/shop  THROTTLED: replica lag 2…  1m35s",
                "driver: 2 runs: deploy-1 pid 12, deploy…",
                "✓ 3 steps done",
                "▸ 0004_backfill_s… ████░░░░░░░ 412k/1.0M",
                "    3/8 chunks done  ██▅▃█▁░░",
                "· 0005_raise_pric… ░░░░░░░░░░░         -",
                "· 0006_index_slugs ░░░░░░░░░░░         -",
                "  … 2 more",
                "▸ pid 12 w1 0004_b… #3  141k/s running",
                "? pid 12 w2 0004_b… #4         stale 42s",
                "‖ pid 40 w1 0004_… #11         throttled",
                "‖ pid 40 w2 -                  throttled",
                "✗ pid 77 w1 -                  gone",
                "overall ████████░░░░░░░░░░░░ 42% 3/8 2s+",
                "  took over chunk 4 of 0004_backfill_sl…",
                "p +/- S q ?",
            ])
    }

    /// Eight rows: the workers fold into one line that counts them by what they do.
    @Test func workersSummedUpWhenShort() {
        expect(
            Fixtures.sized(Fixtures.throttledAttached, 57, 8),
            [
                "…app@db-1/shop  THROTTLED: replica lag 2.9 s > 1 s  1m35s",
                "driver: 2 runs: deploy-1 pid 12, deploy-2 pid 40 (attach…",
                "▸ 0004_backfill_slugs    ██████░░░░░░░░░ 412k/1.0M 2s",
                "  … 4 more",
                "  5 workers: 1 running, 2 throttled, 1 stale, 1 gone",
                "overall ██████████░░░░░░░░░░░░░░  42%  3/8 steps  ETA 2s+",
                "  took over chunk 4 of 0004_backfill_slugs from ci-9 pid…",
                "p pause  +/- throttle  S stop runner  q detach  ? help",
            ])
    }

    /// With colour: the throttled state yellow, running workers' marks cyan, stale ones red, throttled ones yellow,
    /// heartbeat ages faint.
    @Test func colourWorkers() {
        expect(
            Fixtures.sized(Fixtures.throttledAttached, 80, 11, colour: true),
            [
                "\u{1B}[1mbatch-tui\u{1B}[0m  postgres://app@db-1/shop    \u{1B}[33mTHROTTLED: replica lag 2.9 s > 1 s\u{1B}[0m  1m35s",
                "driver: 2 runs: deploy-1 pid 12, deploy-2 pid 40 (attached) · throttle 0",
                "\u{1B}[36m▸\u{1B}[0m \u{1B}[1m0004_backfill_slugs\u{1B}[0m       \u{1B}[36m█████\u{1B}[0m░░░░░░░░   412,000/1,000,000  415k/s ETA 2s",
                "  … 4 more",
                "\u{1B}[36m▸\u{1B}[0m deploy-1 pid 12 w1 0004_backfill_slugs #3   141k/s running\u{1B}[2m · 1s ago\u{1B}[0m",
                "\u{1B}[1;31m?\u{1B}[0m deploy-1 pid 12 w2 0004_backfill_slugs #4          \u{1B}[1;31mstale 42s\u{1B}[0m · running",
                "\u{1B}[33m‖\u{1B}[0m deploy-2 pid 40 w1 0004_backfill_slugs #11         \u{1B}[33mthrottled\u{1B}[0m\u{1B}[2m · 3s ago\u{1B}[0m",
                "  … 2 more workers: 1 throttled, 1 gone",
                "\u{1B}[1moverall \u{1B}[0m\u{1B}[32m████████████████████\u{1B}[0m░░░░░░░░░░░░░░░░░░░░░░░░░░░  42%  3/8 steps  ETA 2s+",
                "  took over chunk 4 of 0004_backfill_slugs from ci-9 pid 77 w1, whose claim lap…",
                "\u{1B}[7m p \u{1B}[0m pause  \u{1B}[7m +/- \u{1B}[0m throttle  \u{1B}[7m S \u{1B}[0m stop runner  \u{1B}[7m q \u{1B}[0m detach  \u{1B}[7m ? \u{1B}[0m help",
            ])
    }
}
