import ArgumentParser
import BatchCLI
import BatchEngine
import BatchSQLite
import Foundation

/// The options every subcommand shares: which database and which update folders.
struct Workspace: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file to update.")
    var db: String

    @Option(name: .long, help: "A folder of NNNN_description.sql update files; repeat for several.")
    var updates: [String] = ["updates"]

    @Option(name: .long, help: "How long one statement waits for another connection's lock, e.g. 1s.")
    var busyTimeout: Duration = .seconds(1)

    /// The update files as steps.
    func steps() throws -> [any Step] {
        try UpdateLoader.load(directories: updates)
    }

    /// The database, opened for writing (created when missing).
    func openForWriting() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: db, busyTimeout: busyTimeout)
    }

    /// The database for a command that only reads: never created, and an empty in-memory one when the file does
    /// not exist yet. It is opened writable when it can be, because reading after a crash may need SQLite to roll
    /// back the hot journal the crashed writer left; nothing else is written.
    func openForReading() throws -> any BatchDatabase {
        guard FileManager.default.fileExists(atPath: db) else { return SQLiteDatabase(inMemoryNamed: db) }
        let writable = FileManager.default.isWritableFile(atPath: db)
        return try SQLiteDatabase(path: db, readOnly: !writable, busyTimeout: busyTimeout)
    }
}

/// Runs a subcommand's body, printing a `BatchError` to standard error and exiting with its status.
func reportingErrors(_ body: () throws -> ExitStatus) throws {
    let status: ExitStatus
    do {
        status = try body()
    } catch let error as BatchError {
        printError(error.description)
        status = error.status
    }
    if status != .drained { throw ExitCode(status.rawValue) }
}
