/// One registered unit of an update: an id, its dependencies, a phase, and range-limited work.
///
/// The engine calls `run(from:limit:in:)` inside a transaction it owns; the range's writes and the step's new cursor
/// commit together, so a crash never leaves one without the other.
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

    /// Where the statement `sql` is defined, for a database error raised by it.
    func location(ofStatement sql: String?) -> SourceLocation?

    /// Estimates the total units of work before the first range, outside any write transaction.
    func estimateTotal(in database: any SQLExecutor) throws -> Int?

    /// Applies the step's schema effects to a schema-only sandbox, so later steps can be checked before anything runs.
    func rehearse(in sandbox: any SQLExecutor) throws

    /// Runs one range starting after `cursor` (`nil` at the start) covering at most `limit` units.
    func run(from cursor: Cursor?, limit: Int, in database: any SQLExecutor) throws -> RangeResult
}

extension Step {
    /// Steps defined in Swift have no file location by default.
    public var origin: SourceLocation? { nil }

    /// By default a failing statement is located at the step's origin.
    public func location(ofStatement sql: String?) -> SourceLocation? { origin }

    /// By default a step has no estimate.
    public func estimateTotal(in database: any SQLExecutor) throws -> Int? { nil }

    /// By default a step has no schema effects to rehearse.
    public func rehearse(in sandbox: any SQLExecutor) throws {}
}
