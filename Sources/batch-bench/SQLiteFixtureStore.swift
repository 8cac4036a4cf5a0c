/// The SQLite fixture: a closed database file in the scratch folder, copied file by file.
struct SQLiteFixtureStore: FixtureStore {
    /// The fixture's path.
    let fixture: String
    /// Where the copies go.
    let scratch: ScratchFolder
    /// Rows in the fixture.
    let rows: Int

    /// Copies the fixture to `<name>.sqlite` in the scratch folder.
    func freshCopy(named name: String) throws -> String {
        let copy = scratch.file("\(name).sqlite")
        try Fixture.copy(fixture, to: copy)
        return copy
    }

    /// Deletes the copy and its journal files.
    func removeCopy(_ database: String) {
        scratch.removeDatabase(database)
    }

    /// Counts the rows not updated exactly once.
    func rowsNotUpdatedOnce(in database: String) throws -> Int {
        try Fixture.rowsNotUpdatedOnce(in: database, expectedRows: rows)
    }

    /// A read-only GRDB poller of `batchrun_chunks`.
    func progress(of step: String, in database: String) -> any ProgressReading {
        ProgressPoller(path: database, step: step)
    }

    /// The file, for a GRDB writer.
    func writer(into database: String) -> WriterTarget {
        .sqlite(path: database)
    }
}
