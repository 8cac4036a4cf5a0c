import Testing

@testable import Dashboard

/// The chunk row of a split step: its cells, and where the step list puts it when rows are short.
@Suite struct ChunkRowTests {
    /// One cell per chunk: untouched, part done by eighths, begun with no estimate, done.
    @Test func cells() {
        let cells = ChunkStrip([
            .init(estimate: 100), .init(processed: 1, estimate: 100), .init(processed: 50, estimate: 100),
            .init(processed: 99, estimate: 100), .init(processed: 150, estimate: 100), .init(processed: 3),
            .init(processed: 100, estimate: 100, isDone: true),
        ]).cells.map(\.cell)
        #expect(String(cells) == "░▁▄▇▇▒█")
    }

    /// Only chunks held and not done are highlighted.
    @Test func heldCells() {
        let strip = ChunkStrip([.init(isHeld: true), .init(isDone: true, isHeld: true), .init()])
        #expect(strip.cells.map(\.isHeld) == [true, false, false])
    }

    /// A split step not done has a chunk row under it; a done one, or one never split, has none.
    @Test func chunkRowsFollowTheirSteps() {
        let steps = Fixtures.chunked.steps
        #expect(StepList.linesWanted(steps) == 9)
        #expect(
            StepList.rows(steps, fitting: 9)
                == [.step(0), .step(1), .step(2), .step(3), .chunks(3), .step(4), .step(5), .step(6), .step(7)])
        var done = steps
        done[3].status = .done
        #expect(StepList.linesWanted(done) == 8)
    }

    /// Short of rows, the head keeps its chunk row and `… N more` counts the steps left out, not the rows.
    @Test func foldingKeepsTheHeadsChunks() {
        let steps = Fixtures.chunked.steps
        #expect(StepList.rows(steps, fitting: 5) == [.folded(3), .step(3), .chunks(3), .step(4), .more(3)])
        #expect(StepList.rows(steps, fitting: 3) == [.folded(3), .step(3), .more(4)])
        #expect(StepList.rows(steps, fitting: 2) == [.step(3), .more(4)])
    }

    /// The head step stays on screen however few rows the list gets, chunk rows or not.
    @Test func headStepAlwaysShown() {
        for count in 1...9 {
            let rows = StepList.rows(Fixtures.chunked.steps, fitting: count)
            #expect(rows.count <= count)
            #expect(rows.contains(.step(3)), "\(count) rows: \(rows)")
        }
    }

    /// A chunk row without room for its cells keeps its count.
    @Test func cellsGoWhenTheyDoNotFit() {
        var state = Fixtures.sized(Fixtures.chunked, 40, 12)
        state.steps[3].chunks += Array(repeating: .init(estimate: 10), count: 20)
        let screen = DashboardRenderer.render(state)
        #expect(screen.contains("    3/28 chunks done"))
    }
}
