/// A step's chunks in key order, one cell each: `░` untouched, `▁` to `▇` part done (never full before it is done,
/// even past its estimate), `▒` begun with no estimate, `█` done; the cells of chunks a worker holds now are
/// highlighted.
struct ChunkStrip {
    /// The partial levels, from a sliver to nearly full.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// The cell of each chunk, with whether a worker holds it.
    let cells: [(cell: Character, isHeld: Bool)]

    /// The strip of `chunks`.
    init(_ chunks: [DashboardState.Chunk]) {
        cells = chunks.map { chunk in (Self.cell(chunk), chunk.isHeld && !chunk.isDone) }
    }

    /// The columns it takes.
    var width: Int { cells.count }

    /// The cell of one chunk.
    static func cell(_ chunk: DashboardState.Chunk) -> Character {
        if chunk.isDone { return "█" }
        guard let fraction = chunk.fraction else { return "▒" }
        if fraction <= 0 { return "░" }
        return levels[min(levels.count - 1, Int(fraction * Double(levels.count)))]
    }

    /// Appends the strip to `line`: done cells painted by `done`, held ones by `held`, each run of cells painted
    /// alike in one piece.
    func append(to line: inout LineBuilder, done: @escaping (String) -> String, held: @escaping (String) -> String) {
        enum Paint { case plain, done, held }
        var run = ""
        var current = Paint.plain
        func flush() {
            line.append(run, current == .held ? held : current == .done ? done : { $0 })
            run = ""
        }
        for (cell, isHeld) in cells {
            let paint: Paint = isHeld ? .held : cell == "█" ? .done : .plain
            if paint != current { flush() }
            current = paint
            run.append(cell)
        }
        flush()
    }
}
