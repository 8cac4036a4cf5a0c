import Testing

@testable import BatchSQLite

/// The gaps a SQLite run leaves after its ranges for other writers, sized against SQLite's default busy handler.
@Suite struct WriterCourtesyTests {
    let courtesy = WriterCourtesy()
    let opened = ContinuousClock.now

    @Test func theHandlersSleepGrowsWithItsWait() {
        let sleeps: [(Duration, Duration)] = [
            (.zero, .milliseconds(1)), (.milliseconds(2), .milliseconds(2)), (.milliseconds(60), .milliseconds(25)),
            (.milliseconds(127), .milliseconds(25)), (.milliseconds(128), .milliseconds(50)),
            (.milliseconds(227), .milliseconds(50)), (.milliseconds(228), .milliseconds(100)),
            (.seconds(30), .milliseconds(100)),
        ]
        for (waited, sleep) in sleeps {
            #expect(OtherWriters.defaultHandlerSleep(afterWaiting: waited) == sleep, "after \(waited)")
        }
    }

    @Test func aBusyGapOutlastsTheSleepOfAWriterBlockedForTheWholeRange() {
        var writers = OtherWriters(version: 1, at: opened)
        let now = opened + .milliseconds(10)
        // Another connection committed (the data version moved): gaps are busy ones.
        #expect(
            writers.gap(seeing: 2, at: now, afterHolding: .milliseconds(50), courtesy: courtesy) == .milliseconds(30))
        #expect(
            writers.gap(seeing: 2, at: now, afterHolding: .milliseconds(150), courtesy: courtesy) == .milliseconds(55))
        #expect(
            writers.gap(seeing: 2, at: now, afterHolding: .milliseconds(400), courtesy: courtesy) == .milliseconds(105))
    }

    @Test func withNoOtherWriterSeenGapsAreIdleButForAProbeEachPeriod() {
        var writers = OtherWriters(version: 1, at: opened)
        #expect(
            writers.gap(seeing: 1, at: opened + .milliseconds(500), afterHolding: .milliseconds(50), courtesy: courtesy)
                == courtesy.idleGap)
        #expect(
            writers.gap(seeing: 1, at: opened + .seconds(1), afterHolding: .milliseconds(50), courtesy: courtesy)
                == courtesy.busyGap)
        #expect(
            writers.gap(
                seeing: 1, at: opened + .milliseconds(1500), afterHolding: .milliseconds(50), courtesy: courtesy)
                == courtesy.idleGap)
    }

    @Test func aZeroBusyGapTurnsTheCourtesyOff() {
        var writers = OtherWriters(version: 1, at: opened)
        var off = courtesy
        off.busyGap = .zero
        #expect(
            writers.gap(seeing: 2, at: opened + .seconds(2), afterHolding: .milliseconds(400), courtesy: off)
                == off.idleGap)
    }
}
