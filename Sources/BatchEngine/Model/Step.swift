/// One registered unit of an update: an id, its dependencies, a phase, and range-limited work.
///
/// The engine calls `run(_:limit:in:)` inside a transaction it owns; the range's writes and the new cursor commit
/// together, so a crash never leaves one without the other. A step that can cut its work into key sub-ranges
/// (`splitPoints(into:in:)`) is shared by several workers, each walking its own chunk.
public protocol Step: Sendable {
    /// A unique, stable identifier, stored in the state table.
    var id: String { get }
    /// Ids of steps that must be done before this one starts.
    var dependencies: [String] { get }
    /// When the step runs.
    var phase: Phase { get }
    /// A digest of the step's definition; a started step whose checksum changes is refused.
    var checksum: String { get }
    /// Where the step is defined, for error messages.
    var origin: SourceLocation? { get }
    /// How many workers may work on the step at once; 1 never splits it.
    var maxWorkers: Int { get }
    /// Whether its work runs in a transaction with its cursor (exactly once); `false` for statements a database
    /// refuses inside one, which then run at least once.
    var isTransactional: Bool { get }
    /// Whether its work comes in ranges sized toward the range target, each under a statement timeout; `false` for
    /// a one-shot step, whose one range has no statement timeout.
    var isBatched: Bool { get }

    /// Where the statement `sql` is defined, for a database error raised by it.
    func location(ofStatement sql: String?) -> SourceLocation?

    /// Estimates the total units of work before the first range, outside any write transaction.
    func estimateTotal(in database: any SQLExecutor) throws -> Int?

    /// Applies the step's schema effects to a schema-only sandbox, so later steps can be checked before anything runs.
    func rehearse(in sandbox: any SQLExecutor) throws

    /// Runs one range of at most `limit` units after `range.after` (`nil` at the start of the walk) and not past
    /// `range.through` (`nil` at its end).
    func run(_ range: WorkRange, limit: Int, in database: any SQLExecutor) throws -> RangeResult

    /// About `count - 1` keys that cut the whole walk into `count` parts of similar size, ascending, found at low
    /// cost (statistics or a sample, never a scan); empty when the step cannot be split.
    func splitPoints(into count: Int, in database: any SQLExecutor) throws -> [Cursor]

    /// A key strictly inside `range` that leaves about half of its `remaining` units on each side, or `nil`.
    func splitPoint(of range: WorkRange, remaining: Int, in database: any SQLExecutor) throws -> Cursor?
}

extension Step {
    /// Steps defined in Swift have no file location by default.
    public var origin: SourceLocation? { nil }

    /// By default any number of workers, which only matters for a step that can be split.
    public var maxWorkers: Int { .max }

    /// By default a step runs in the engine's transactions.
    public var isTransactional: Bool { true }

    /// By default a step's work comes in ranges.
    public var isBatched: Bool { true }

    /// By default a failing statement is located at the step's origin.
    public func location(ofStatement sql: String?) -> SourceLocation? { origin }

    /// By default a step has no estimate.
    public func estimateTotal(in database: any SQLExecutor) throws -> Int? { nil }

    /// By default a step has no schema effects to rehearse.
    public func rehearse(in sandbox: any SQLExecutor) throws {}

    /// By default a step is not split.
    public func splitPoints(into count: Int, in database: any SQLExecutor) throws -> [Cursor] { [] }

    /// By default a step is not split.
    public func splitPoint(of range: WorkRange, remaining: Int, in database: any SQLExecutor) throws -> Cursor? {
        nil
    }
}

/// The part of a step's walk a range may cover: after one cursor, through another.
public struct WorkRange: Sendable, Equatable {
    /// The exclusive start: the last unit already processed; `nil` for the start of the walk.
    public var after: Cursor?
    /// The inclusive end: the chunk's last unit; `nil` for the end of the walk.
    public var through: Cursor?

    /// Creates a range.
    public init(after: Cursor? = nil, through: Cursor? = nil) {
        self.after = after
        self.through = through
    }
}
