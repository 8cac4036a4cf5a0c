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

    /// The gap after a range that held the lock for `held`, `elapsed` after the connection opened, seeing data
    /// version `version` (it opened at 1).
    private func gap(
        _ writers: inout OtherWriters, version: Int64, at elapsed: Duration, held: Duration = .milliseconds(50),
        courtesy: WriterCourtesy? = nil
    ) -> (gap: Duration, othersWriting: Bool) {
        writers.gap(seeing: version, at: opened + elapsed, afterHolding: held, courtesy: courtesy ?? self.courtesy)
    }

    @Test func aBusyGapOutlastsTheSleepOfAWriterBlockedForTheWholeRange() {
        var writers = OtherWriters(version: 1, at: opened)
        // Another connection committed (the data version moved): gaps are busy ones.
        let busy = gap(&writers, version: 2, at: .milliseconds(10))
        #expect(busy.gap == .milliseconds(30) && busy.othersWriting)
        #expect(gap(&writers, version: 2, at: .milliseconds(20), held: .milliseconds(150)).gap == .milliseconds(55))
        #expect(gap(&writers, version: 2, at: .milliseconds(30), held: .milliseconds(400)).gap == .milliseconds(105))
        // Five seconds after the last commit seen, the writer counts as gone.
        #expect(gap(&writers, version: 2, at: .milliseconds(5_020)).othersWriting == false)
    }

    @Test func withNoOtherWriterSeenGapsAreIdleButForAProbeEachPeriod() {
        var writers = OtherWriters(version: 1, at: opened)
        #expect(gap(&writers, version: 1, at: .milliseconds(500)) == (courtesy.idleGap, false))
        #expect(gap(&writers, version: 1, at: .seconds(1)) == (courtesy.busyGap, false))
        #expect(gap(&writers, version: 1, at: .milliseconds(1500)) == (courtesy.idleGap, false))
    }

    @Test func aZeroBusyGapTurnsTheCourtesyOff() {
        var writers = OtherWriters(version: 1, at: opened)
        var off = courtesy
        off.busyGap = .zero
        #expect(
            gap(&writers, version: 2, at: .seconds(2), held: .milliseconds(400), courtesy: off) == (off.idleGap, false))
    }
}
