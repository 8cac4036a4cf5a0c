import BatchEngine
import Foundation

/// Writes `message` to standard error as `TOOL: error: ...`, control characters shown as `?`.
public func printError(_ message: String) {
    let tool = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "batchrun"
    FileHandle.standardError.write(Data("\(tool): error: \(DisplayFormat.printable(message))\n".utf8))
}
