import ArgumentParser
import BatchEngine

/// Runs a command's body, printing a `BatchError` to standard error and exiting with its status.
public func reportingErrors(_ body: () throws -> ExitStatus) throws {
    let status: ExitStatus
    do {
        status = try body()
    } catch let error as BatchError {
        printError(error.description)
        status = error.status
    }
    if status != .drained { throw ExitCode(status.rawValue) }
}
