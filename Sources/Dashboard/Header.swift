import BatchEngine

/// The two header lines: the title with the database, state and elapsed time; then who drives and the throttle.
enum Header {
    /// `batch-tui  /path/app.sqlite            RUNNING  1m05s`.
    static func title(_ state: DashboardState, width: Int, style: Style) -> String {
        let stateText = state.runState.rawValue.uppercased()
        let elapsed = DisplayFormat.duration(state.elapsed.seconds)
        let right = stateText.count + 2 + elapsed.count
        let name = "batch-tui"
        var line = LineBuilder(limit: width)
        let room = width - right - 2
        if room - name.count - 2 >= 8 {
            line.append(name, style.bold)
            line.append("  " + state.database.fittedFromStart(to: room - name.count - 2))
        } else if room >= 4 {
            line.append(state.database.fittedFromStart(to: room))
        } else {
            return (stateText + " " + elapsed).fitted(to: width)
        }
        line.pad(to: width - right)
        line.append(stateText, paint(state.runState, style))
        line.append("  " + elapsed)
        return line.text
    }

    /// `driver: this process (host pid 42) · throttle 0.5`.
    static func status(_ state: DashboardState, width: Int) -> String {
        let driver =
            switch state.driver {
            case .unknown: "driver: not known yet (taking the lease)"
            case .thisProcess(let host, let pid): "driver: this process (\(host) pid \(pid))"
            case .other(let host, let pid): "driver: \(host) pid \(pid) (attached)"
            case .nobody: "driver: none (no runner holds the lease)"
            }
        let throttle = state.throttle.map { " · throttle \(DisplayFormat.throttle($0))" } ?? ""
        return (driver + throttle).fitted(to: width)
    }

    /// The colour of a run state.
    private static func paint(_ runState: DashboardState.RunState, _ style: Style) -> (String) -> String {
        switch runState {
        case .starting: style.bold
        case .running, .drained: style.green
        case .paused, .throttled, .stopping, .stopped: style.yellow
        case .failed: style.red
        }
    }
}
