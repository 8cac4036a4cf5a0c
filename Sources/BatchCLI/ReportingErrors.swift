import ArgumentParser
import BatchEngine

/// Runs a command's body, printing its error to standard error and exiting with the error's status.
public func reportingErrors(_ body: () throws -> ExitStatus) throws {
    let status: ExitStatus
    do {
        status = try body()
    } catch {
        let error = BatchError(reporting: error)
        printError(error.description)
        status = error.status
    }
    if status != .drained { throw ExitCode(status.rawValue) }
}
