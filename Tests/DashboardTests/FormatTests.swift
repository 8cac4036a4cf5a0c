import BatchEngine
import Testing

@testable import Dashboard

/// Number, rate and duration formats, the throttle ladder and the overall estimate.
@Suite struct FormatTests {
    /// Exact and short counts.
    @Test func counts() {
        #expect(DisplayFormat.count(1_234_567) == "1,234,567")
        #expect(DisplayFormat.count(999) == "999")
        #expect(DisplayFormat.compact(950) == "950")
        #expect(DisplayFormat.compact(1_250) == "1.2k")
        #expect(DisplayFormat.compact(512_000) == "512k")
        #expect(DisplayFormat.compact(1_000_000) == "1.0M")
        #expect(DisplayFormat.compact(25_000_000) == "25M")
    }

    /// Rates and durations; unknown ones are empty or `-`.
    @Test func ratesAndDurations() {
        #expect(DisplayFormat.rate(412_345) == "412k/s")
        #expect(DisplayFormat.rate(nil) == "")
        #expect(DisplayFormat.duration(1.2) == "2s")
        #expect(DisplayFormat.duration(192) == "3m12s")
        #expect(DisplayFormat.duration(3_900) == "1h05m")
        #expect(DisplayFormat.duration(nil) == "-")
        #expect(DisplayFormat.duration(.infinity) == "-")
    }

    /// `+` and `-` walk 0, 0.25, 0.5, 1, 2, 4 and stop at the ends; a value between steps goes to the next one.
    @Test func throttleLadder() {
        #expect(ThrottleLadder.up(from: 0) == 0.25)
        #expect(ThrottleLadder.up(from: 1) == 2)
        #expect(ThrottleLadder.up(from: 4) == 4)
        #expect(ThrottleLadder.up(from: 0.7) == 1)
        #expect(ThrottleLadder.down(from: 0.5) == 0.25)
        #expect(ThrottleLadder.down(from: 0) == 0)
        #expect(ThrottleLadder.down(from: 0.7) == 0.5)
        #expect(ThrottleLadder.down(from: 10) == 4)
    }

    /// The overall ETA counts the known work left at the head step's rate and says when more may come.
    @Test func overallEstimate() {
        let overall = OverallProgress(steps: Fixtures.midRun.steps)
        #expect(overall.stepsDone == 3)
        #expect(overall.secondsLeft == 488_000.0 / 412_345)
        #expect(overall.isLowerBound)
        #expect(Int(overall.fraction * 1000) == 439)
    }

    /// Steps whose totals near `Int.max` (integer walks over huge ranges) add up to the largest count, not a trap.
    @Test func overallEstimateOfHugeTotals() {
        let huge = (1...3).map { DashboardState.Step(id: "000\($0)_wide", status: .running, total: .max - $0, rate: 1) }
        let overall = OverallProgress(steps: huge)
        #expect(overall.secondsLeft == Double(Int.max))
    }
}
