import Testing

@testable import Dashboard

/// What every render must hold, whatever the state and the terminal size.
@Suite struct RendererPropertyTests {
    /// Terminal sizes from tiny to wide.
    static let sizes = [40, 41, 57, 80, 132].flatMap { width in [1, 2, 3, 4, 5, 8, 12, 24, 40].map { (width, $0) } }

    /// Exactly `height` lines, none wider than `width`; without colour, not one escape byte.
    @Test(arguments: [false, true])
    func fitsTheTerminal(colour: Bool) {
        for state in Fixtures.all + [Fixtures.sized(Fixtures.pausedAttached, 80, 24, help: true)] {
            for (width, height) in Self.sizes {
                var sized = Fixtures.sized(state, width, height, colour: colour)
                sized.showsHelp = state.showsHelp
                let lines = DashboardRenderer.render(sized)
                #expect(lines.count == height, "\(width)x\(height)")
                for line in lines {
                    #expect(DashboardRenderer.visibleWidth(of: line) <= width, "\(width)x\(height): \(line)")
                }
                if !colour { #expect(!lines.joined().contains("\u{1B}")) }
            }
        }
    }

    /// The head step stays on screen however few rows the list gets.
    @Test func headStepAlwaysShown() {
        for count in 1...8 {
            let rows = StepList.rows(Fixtures.midRun.steps, fitting: count)
            #expect(rows.count <= count)
            #expect(rows.contains(.step(3)), "\(count) rows: \(rows)")
        }
    }

    /// Finished steps fold into one line only when the list does not fit.
    @Test func foldsFinishedStepsWhenShort() {
        let steps = Fixtures.midRun.steps
        #expect(StepList.rows(steps, fitting: 8) == (0..<8).map(StepList.Row.step))
        #expect(StepList.rows(steps, fitting: 6) == [.folded(3), .step(3), .step(4), .step(5), .step(6), .step(7)])
        #expect(StepList.rows(steps, fitting: 4) == [.folded(3), .step(3), .step(4), .more(3)])
        #expect(StepList.rows(steps, fitting: 2) == [.step(3), .more(4)])
    }

    /// Text from the state tables cannot smuggle escape sequences onto the screen: they arrive as `?`.
    @Test func untrustedMessagesCarryNoEscapes() {
        var state = Fixtures.sized(Fixtures.midRun, 80, 24, colour: false)
        state.messages = [.init("step failed: \u{1B}[2J\u{1B}]0;pwned\u{07} gone\nnext", isError: true)]
        let screen = DashboardRenderer.render(state).joined(separator: "\n")
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{07}"))
        #expect(screen.contains("step failed: ?[2J?]0;pwned? gone next"))
    }

    /// Visible width ignores the escape sequences.
    @Test func visibleWidthSkipsEscapes() {
        #expect(DashboardRenderer.visibleWidth(of: "\u{1B}[1;31m✗\u{1B}[0m id") == 4)
    }
}
