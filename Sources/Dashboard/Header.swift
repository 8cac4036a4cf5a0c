import BatchEngine

/// The two header lines: the title with the database, state and elapsed time; then who drives and the throttle.
enum Header {
    /// `batch-tui  /path/app.sqlite            RUNNING  1m05s`, or `THROTTLED: replica lag 2.9 s > 1 s` as the state
    /// while a throttle signal holds ranges back.
    static func title(_ state: DashboardState, width: Int, style: Style) -> String {
        let stateText = state.runState.rawValue.uppercased()
        let elapsed = DisplayFormat.duration(state.elapsed.seconds)
        let reasonRoom = width - stateText.count - 2 - elapsed.count - 2 - leftReserve(width: width)
        let badge = stateText + reason(state, room: reasonRoom)
        let right = badge.count + 2 + elapsed.count
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
        line.append(badge, paint(state.runState, style))
        line.append("  " + elapsed)
        return line.text
    }

    /// The columns the title keeps for `batch-tui` and the database before a throttle reason may take them: the
    /// name and 8 columns of the database on wide terminals, 6 columns of the database on narrow ones.
    private static func leftReserve(width: Int) -> Int {
        width >= 60 ? 19 : 6
    }

    /// `: REASON` cut to `room` columns for a throttled run that has a reason; nothing when fewer than 8 columns
    /// are left for it.
    private static func reason(_ state: DashboardState, room: Int) -> String {
        guard state.runState == .throttled, let reason = state.throttleReason, room >= 8 else { return "" }
        return (": " + DisplayFormat.printable(reason, singleLine: true)).fitted(to: room)
    }

    /// `driver: this process (host pid 42) · throttle 0.5`, or the processes watched.
    static func status(_ state: DashboardState, width: Int) -> String {
        let driver =
            switch state.driver {
            case .unknown: "driver: not known yet (checking the queue)"
            case .thisProcess(let process): "driver: this process (\(process))"
            case .others(let processes): "driver: \(watched(processes)) (attached)"
            case .nobody: "driver: none (no run is active)"
            }
        let throttle = state.throttle.map { " · throttle \(DisplayFormat.throttle($0))" } ?? ""
        return (driver + throttle).fitted(to: width)
    }

    /// `host pid 12`, or `2 runs: host pid 12, host pid 40`.
    private static func watched(_ processes: [DashboardState.Process]) -> String {
        guard processes.count > 1 else { return processes.first?.description ?? "another process" }
        return "\(processes.count) runs: " + processes.map(\.description).joined(separator: ", ")
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
