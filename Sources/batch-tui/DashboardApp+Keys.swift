import BatchEngine
import Dashboard

extension DashboardApp {
    /// Acts on a key; once the run ended, any key exits.
    func handle(_ key: Key) {
        let model = store.snapshot
        if model.outcome != nil {
            leaving = true
            return
        }
        switch key {
        case .pause: channel.send(model.control.paused ? .resume : .pause)
        case .throttleUp: channel.send(.throttle(ThrottleLadder.up(from: model.throttle ?? 0)))
        case .throttleDown: channel.send(.throttle(ThrottleLadder.down(from: model.throttle ?? 0)))
        case .quit: quit(because: "stopped from the dashboard")
        case .hangup: quit(because: "stopped: the terminal is gone")
        case .stopRunner: model.mode == .attached ? channel.send(.stop) : quit(because: "stopped from the dashboard")
        case .help: showsHelp.toggle()
        case .escape: showsHelp = false
        case .other: break
        }
    }

    /// `q`, Ctrl-C or a signal: when attached, detach; when driving, stop after the current range for `reason`; a
    /// second time while stopping, interrupt the running statement so its range rolls back at once.
    func quit(because reason: String) {
        let model = store.snapshot
        guard model.outcome == nil, model.mode != .attached else {
            quitting = true
            return
        }
        if quitting {
            runner.interrupt()
            store.update { $0.note("interrupting the current range") }
            return
        }
        quitting = true
        stop.request(reason)
        store.update { model in
            model.stopping = true
            model.note("stopping after the current range")
        }
    }
}
