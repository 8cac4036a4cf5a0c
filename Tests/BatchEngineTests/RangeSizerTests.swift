import BatchEngine
import Testing

@Suite struct RangeSizerTests {
    /// Feeds the sizer ranges whose cost is `secondsPerRow` each, and returns the sizes it picks.
    private func sizes(_ sizer: inout RangeSizer, secondsPerRow: Double, ranges: Int) -> [Int] {
        (0..<ranges).map { _ in
            let limit = sizer.size
            sizer.record(limit: limit, processed: limit, elapsed: .seconds(Double(limit) * secondsPerRow))
            return sizer.size
        }
    }

    @Test func growsToTheTargetWithoutOvershooting() {
        var sizer = RangeSizer(initial: 1_000, target: .milliseconds(50), bounds: 1...10_000_000)
        let picked = sizes(&sizer, secondsPerRow: 2.5e-6, ranges: 8)
        #expect(picked.prefix(3) == [4_000, 16_000, 20_000])
        #expect(picked.last == 20_000)
    }

    /// A huge fixed start (`--range-size` near `Int.max`) that would grow past `Int.max` stays at the bound.
    @Test func aSizePastTheLargestIntegerStaysAtTheBound() {
        var sizer = RangeSizer(initial: .max / 2, target: .milliseconds(50), bounds: 1...Int.max)
        sizer.record(limit: .max / 2, processed: .max / 2, elapsed: .milliseconds(1))
        #expect(sizer.size == .max)
    }

    /// While other writers wait (a ceiling below the target), ranges shrink to it at once; without it they grow back.
    @Test func aCeilingBelowTheTargetShrinksRangesUntilItIsLifted() {
        var sizer = RangeSizer(initial: 20_000, target: .milliseconds(50), bounds: 1...10_000_000)
        sizer.ceiling = .milliseconds(25)
        #expect(sizes(&sizer, secondsPerRow: 2.5e-6, ranges: 2) == [10_000, 10_000])
        sizer.ceiling = nil
        #expect(sizes(&sizer, secondsPerRow: 2.5e-6, ranges: 1) == [20_000])
    }

    @Test func shrinksAtOnceWhenRowsGetHeavier() {
        var sizer = RangeSizer(initial: 20_000, target: .milliseconds(50), bounds: 1...10_000_000)
        _ = sizes(&sizer, secondsPerRow: 2.5e-6, ranges: 3)
        #expect(sizer.size == 20_000)
        let heavier = sizes(&sizer, secondsPerRow: 1.25e-5, ranges: 1)
        #expect(heavier == [4_000])
        let lighter = sizes(&sizer, secondsPerRow: 2.5e-6, ranges: 2)
        #expect(lighter == [16_000, 20_000])
    }

    @Test func staysWithinBoundsAndIgnoresShortLastRanges() {
        var sizer = RangeSizer(initial: 10, target: .milliseconds(50), bounds: 5...100)
        sizer.record(limit: 10, processed: 10, elapsed: .seconds(10))
        #expect(sizer.size == 5)
        sizer.record(limit: 5, processed: 2, elapsed: .nanoseconds(1))
        #expect(sizer.size == 5)
        sizer.record(limit: 5, processed: 5, elapsed: .nanoseconds(1))
        #expect(sizer.size == 20)
        for _ in 0..<3 { sizer.record(limit: sizer.size, processed: sizer.size, elapsed: .nanoseconds(1)) }
        #expect(sizer.size == 100)
    }
}

@Suite struct ProgressMathTests {
    @Test func rateMeterSmoothsAndEstimates() {
        var meter = RateMeter(smoothing: .seconds(5))
        #expect(meter.secondsLeft(for: 100) == nil)
        meter.record(1_000, over: .seconds(1))
        #expect(meter.rate == 1_000)
        meter.record(0, over: .seconds(1))
        let afterStall = meter.rate!
        #expect(afterStall < 1_000 && afterStall > 700)
        #expect(meter.secondsLeft(for: 0) == 0)
        #expect(meter.secondsLeft(for: Int(afterStall * 10))!.rounded() == 10)
    }

    @Test func rangeStatsPercentiles() {
        var stats = RangeStats()
        for millis in 1...100 { stats.record(.milliseconds(millis)) }
        #expect(stats.count == 100)
        #expect(stats.longest == .milliseconds(100))
        let p99 = stats.percentile(0.99)
        #expect(abs((p99 - .milliseconds(99)).seconds) <= 0.000_11)
        #expect(stats.percentile(0.5) <= .milliseconds(51))
    }
}
