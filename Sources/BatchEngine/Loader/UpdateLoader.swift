import Foundation

/// Reads the update files of one or more folders into steps.
///
/// Within a folder, files run in the order of their numeric prefix: each depends on the previous file of the same
/// phase in that folder, plus whatever its `after:` header names. Ids are unique across all folders.
public enum UpdateLoader {
    /// Loads every `*.sql` file of each folder, in order.
    /// - Throws: `BatchError` (`.usage` for a missing folder, `.invalidInput` for a bad file).
    public static func load(directories: [String]) throws -> [SQLFileStep] {
        var steps: [SQLFileStep] = []
        var pathByID: [String: String] = [:]
        for directory in directories {
            let files = try parseFolder(directory)
            var previous: [Phase: String] = [:]
            for file in files {
                if let other = pathByID.updateValue(file.path, forKey: file.id) {
                    throw BatchError(
                        .invalidInput, "step id '\(file.id)' is defined twice (also in \(other))",
                        location: file.location(line: nil))
                }
                let chained = previous[file.phase].map { [$0] } ?? []
                steps.append(SQLFileStep(file: file, dependencies: chained + file.after))
                previous[file.phase] = file.id
            }
        }
        return steps
    }

    private static func parseFolder(_ directory: String) throws -> [UpdateFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BatchError(.usage, "--updates \(directory) is not a folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }
        var files: [UpdateFile] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BatchError(.invalidInput, "cannot read the file", location: SourceLocation(file: path))
            }
            files.append(try UpdateFileParser.parse(path: path, data: data))
        }
        files.sort { ($0.number, $0.id) < ($1.number, $1.id) }
        for (earlier, later) in zip(files, files.dropFirst()) where earlier.number == later.number {
            throw BatchError(
                .invalidInput,
                "number \(later.number) is used twice in \(directory) (also by \(earlier.id)); the order would be ambiguous",
                location: later.location(line: nil))
        }
        return files
    }
}
