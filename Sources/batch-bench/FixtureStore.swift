/// Where one backend keeps the benchmark's fixture and its copies: what the scenarios both backends run (the
/// traced apply, the resume, the application writer) need to know of it.
protocol FixtureStore {
    /// Rows in the fixture.
    var rows: Int { get }

    /// Replaces the copy called `name` with a fresh copy of the fixture.
    /// - Returns: what `batchrun apply --db` names for the copy.
    /// - Throws: a database or file system error.
    func freshCopy(named name: String) throws -> String

    /// Deletes the copy `database`, ignoring failures.
    func removeCopy(_ database: String)

    /// The rows of `database` whose counter is not 1, plus how far the row count moved from `rows`: 0 when every
    /// row was updated exactly once.
    /// - Throws: a database error.
    func rowsNotUpdatedOnce(in database: String) throws -> Int

    /// A poller of `step`'s committed count in `database`.
    func progress(of step: String, in database: String) -> any ProgressReading

    /// How the application writer reaches `database`.
    func writer(into database: String) -> WriterTarget
}

extension FixtureStore {
    /// Runs `body` on a fresh copy called `name`, deleting the copy afterwards.
    func withCopy<T>(named name: String, _ body: (String) throws -> T) throws -> T {
        let copy = try freshCopy(named: name)
        defer { removeCopy(copy) }
        return try body(copy)
    }

    /// Whether every row of `database` was updated exactly once.
    func isExactlyOnce(_ database: String) throws -> Bool {
        try rowsNotUpdatedOnce(in: database) == 0
    }
}
