import BatchEngine

/// The `--json` form of run events: one object per line with an `event` field; events of a worker carry it.
enum EventJSON {
    static func object(for event: RunEvent) -> JSONValue {
        switch event {
        case .runStarted(let start):
            .object([
                ("event", .string("run_started")), ("run", .integer(Int(start.runID))),
                ("pending", .array(start.pending.map(JSONValue.string))), ("workers", .integer(start.workers)),
                ("took_over_from", .string(start.tookOverFrom)),
            ])
        case .stepStarted(let progress): progressObject("step_started", progress)
        case .progress(let progress): progressObject("progress", progress)
        case .stepFinished(let progress): progressObject("step_done", progress)
        case .stepFailed(let failure):
            .object([
                ("event", .string("step_failed")), ("step", .string(failure.step)), ("worker", .string(failure.worker)),
                ("error", .string(failure.message)), ("file", .string(failure.location?.file)),
                ("line", .integer(failure.location?.line)), ("cursor", .string(failure.cursor?.serialized)),
            ])
        case .controlChanged(let control):
            .object([
                ("event", .string("control")), ("paused", .bool(control.paused)),
                ("throttle", .number(control.throttle)), ("stop", .string(control.stopReason)),
            ])
        case .throttled(let worker, let reason):
            .object([
                ("event", .string("throttled")), ("worker", .string(worker)), ("throttled", .bool(reason != nil)),
                ("reason", .string(reason)),
            ])
        case .notice(let worker, let message):
            .object([("event", .string("notice")), ("worker", .string(worker)), ("message", .string(message))])
        case .runFinished(let summary):
            .object([
                ("event", .string("run_finished")), ("exit_code", .integer(Int(summary.status.rawValue))),
                ("message", .string(summary.message)), ("processed", .integer(summary.processed)),
                ("steps_finished", .integer(summary.stepsFinished)), ("steps_left", .integer(summary.stepsLeft)),
                ("ranges", .integer(summary.ranges.count)),
                ("longest_range_ms", .number(summary.ranges.longest.seconds * 1000)),
                ("p99_range_ms", .number(summary.ranges.percentile(0.99).seconds * 1000)),
                ("elapsed_s", .number(summary.elapsed.seconds)),
            ])
        }
    }

    private static func progressObject(_ name: String, _ progress: StepProgress) -> JSONValue {
        .object([
            ("event", .string(name)), ("step", .string(progress.step)), ("worker", .string(progress.worker)),
            ("chunk", .integer(progress.chunk.map(Int.init))), ("processed", .integer(progress.processed)),
            ("chunk_processed", .integer(progress.chunkProcessed)), ("total", .integer(progress.total)),
            ("rows_per_s", .number(progress.rate)), ("eta_s", .number(progress.secondsLeft)),
            ("range_size", .integer(progress.rangeSize)), ("cursor", .string(progress.cursor?.serialized)),
        ])
    }
}
