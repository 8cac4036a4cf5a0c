import ArgumentParser
import BatchEngine
import Foundation

/// Measures batchrun against the physical limit in one run: batched vs one big UPDATE, resume and no-op costs,
/// growth, peak memory, range-size adaptation, an application writer beside the runs and, on PostgreSQL, workers,
/// replica lag, WAL and bloat; prints a table and optionally writes the figures as JSON.
@main
struct BatchBench: ParsableCommand {
    /// The command's name and help.
    static let configuration = CommandConfiguration(
        commandName: "batch-bench",
        abstract: "Benchmark batchrun: batched vs one big UPDATE, resume and no-op costs, memory, adaptation.",
        discussion: """
            Spawns the batchrun executable found next to this one (build both with the same --scratch-path), on \
            tables built in a temporary folder that is deleted afterwards. On PostgreSQL it starts a throwaway \
            cluster with durable settings (fsync and synchronous_commit on) and one streaming replica, unless \
            --postgres names a server, whose user must be allowed to create databases.
            """,
        version: BatchrunVersion.current
    )

    /// The table sizes to measure.
    @Option(help: "A table size to measure: 100k, 1m, 10m or a row count (repeatable; default 100k and 1m).")
    var rows: [TableSize] = []

    /// Where to write the figures as JSON.
    @Option(name: .long, help: "Also write every figure as JSON to this file, to compare runs.")
    var json: String?

    /// The databases' journal mode.
    @Option(help: "The journal mode of the benchmark databases (wal or delete).")
    var journal: JournalMode = .wal

    /// No-op applies per median.
    @Option(help: "How many no-op applies to take the median of.")
    var noOpRuns = 5

    /// Runs of the SQLite plain UPDATE and of each fairness point.
    @Option(help: "How many times the SQLite plain UPDATE and each --writer-gap point run (medians, pooled latencies).")
    var repeats = 3

    /// Finished tiny steps in the long queue.
    @Option(help: "How many one-line steps the long no-op queue has.")
    var tinySteps = 1_000

    /// The adaptation table's size.
    @Option(help: "Rows of the adaptation table, whose second half costs more per row.")
    var adaptationRows = TableSize(rows: 200_000)

    /// The backends to measure.
    @Option(help: "The databases to measure: sqlite, postgres or both.")
    var backend: BackendChoice = .sqlite

    /// An existing PostgreSQL server.
    @Option(help: "A postgres:// URL of an existing server to measure on, instead of a throwaway cluster.")
    var postgres: String?

    /// The PostgreSQL worker counts.
    @Option(
        help:
            "PostgreSQL: the --workers counts to measure, e.g. 1,2,4 (the first one's run is the resume's reference).",
        transform: { text in
            let counts = text.split(separator: ",").compactMap { Int($0) }
            guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--workers-list takes positive counts separated by commas, e.g. 1,2,4")
            }
            return counts
        })
    var workersList: [Int] = [1, 2, 4]

    /// An explicit batchrun executable.
    @Option(help: "The batchrun executable to spawn (default: the one next to batch-bench).")
    var batchrun: String?

    /// Checks the numeric options.
    func validate() throws {
        guard noOpRuns > 0, repeats > 0, tinySteps > 0, tinySteps < 10_000 else {
            throw ValidationError("--no-op-runs and --repeats must be positive, --tiny-steps between 1 and 9999")
        }
    }

    /// Runs every measurement, prints the table and writes the JSON file.
    func run() throws {
        do {
            try measure()
        } catch let error as BenchError {
            throw ValidationError(error.description)
        }
    }

    /// Measures, prints the table and writes the JSON file.
    private func measure() throws {
        let scratch = try ScratchFolder()
        let executable = try Batchrun.locate(batchrun, scratch: scratch)
        let loadFile = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)
        let load = loadFile?.split(separator: " ").prefix(3).joined(separator: " ") ?? "n/a"
        let warnings = [executable.stalenessWarning].compactMap { $0 }
        warnings.forEach { note("warning: \($0)") }
        let sizes = Array(Set(rows.isEmpty ? TableSize.defaults : rows)).sorted()
        var measured: [SizeFigures] = []
        var tinyQueue: TinyQueueFigures?
        var adaptation: AdaptationFigures?
        if backend.measuresSQLite {
            let bench = SizeBench(
                batchrun: executable, scratch: scratch, journal: journal, noOpRuns: noOpRuns, repeats: repeats,
                log: note)
            for size in sizes { measured.append(try bench.measure(size)) }
            note("a queue of \(tinySteps) one-line steps")
            tinyQueue = try TinyQueueScenario.measure(
                steps: tinySteps, runs: noOpRuns, batchrun: executable, scratch: scratch, journal: journal)
            note("adaptation: \(adaptationRows.label) rows, second half heavier")
            adaptation = try AdaptationScenario.measure(rows: adaptationRows.rows, scratch: scratch, journal: journal)
        }
        let postgresFigures =
            try backend.measuresPostgres
            ? PostgresBench(
                batchrun: executable, scratch: scratch, url: postgres, workers: workersList, noOpRuns: noOpRuns,
                log: note
            ).measure(sizes) : nil
        let defaults = RunnerOptions()
        let figures = BenchFigures(
            batchrun: executable.path, journalMode: journal.rawValue,
            rangeTargetMs: defaults.rangeTarget.seconds * 1000, budgetS: defaults.budget.seconds,
            loadAverage: load, warnings: warnings,
            statement: Workload.wholeTable, sizes: measured, growth: Growth.of(measured), tinyQueue: tinyQueue,
            adaptation: adaptation, postgres: postgresFigures)
        print(ReportTable(figures: figures).text, terminator: "")
        if let json { try write(figures, to: json) }
    }

    /// Writes `figures` as pretty-printed JSON with snake_case keys.
    private func write(_ figures: BenchFigures, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(figures).write(to: URL(fileURLWithPath: path))
    }

    /// Tells the user, on standard error, what is being measured now.
    private func note(_ message: String) {
        FileHandle.standardError.write(Data("batch-bench: \(message)\n".utf8))
    }
}
