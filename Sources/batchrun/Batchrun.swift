import ArgumentParser
import BatchEngine

@main
struct Batchrun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batchrun",
        abstract: "Run long database updates in resumable, exactly-once batches.",
        discussion: """
            Update steps are SQL files named NNNN_description.sql in one or more --updates folders. Each range of a \
            batched step commits together with the step's cursor, so a run killed at any instant resumes where it \
            stopped without processing a row twice.

            EXIT CODES
              0   drained: every step is done (or there was nothing to do)
              1   a step failed: its cursor and error are recorded, and the next
                  apply retries it
              64  usage: a bad option, path or URL
              65  invalid input: an update file, the plan, a checksum or the state;
                  nothing was written
              75  stopped with work left: --max-time, SIGINT or SIGTERM, a stop
                  request, a busy database, or a lease held by another runner;
                  run apply again
            """,
        version: BatchrunVersion.current,
        subcommands: [
            Apply.self, Status.self, PlanCommand.self, Validate.self, Pause.self, Resume.self, Stop.self,
            Throttle.self,
        ]
    )
}
