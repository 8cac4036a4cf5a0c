import Foundation

/// Reads the update files of one or more folders into steps.
///
/// Within a folder, files run in the order of their numeric prefix: each depends on the previous file of the same
/// phase in that folder, plus whatever its `after:` header names. Ids are unique across all folders.
public enum UpdateLoader {
    /// Loads every `*.sql` file of each folder, in order.
    /// - Throws: `BatchError`: `.usage` for a folder that is missing, not a folder or cannot be read; `.invalidInput`
    ///   for a file that cannot be read or is not a valid update file.
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
        var files: [UpdateFile] = []
        for name in try listing(of: directory) where name.hasSuffix(".sql") && !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw BatchError(
                    .invalidInput, "cannot read the file: \(reason(error))", location: SourceLocation(file: path))
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

    /// The names in `directory`, or an error that says why there are none to read: it does not exist, it is not a
    /// folder, or it (or a folder above it) may not be read.
    private static func listing(of directory: String) throws -> [String] {
        var status = stat()
        guard stat(directory, &status) == 0 else {
            let reason = errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))"
            throw BatchError(.usage, "--updates \(directory) \(reason)")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw BatchError(.usage, "--updates \(directory) is not a folder")
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw BatchError(.usage, "--updates \(directory) cannot be read: \(reason(error))")
        }
    }

    /// Why a file operation failed, as the system words it (`Permission denied`).
    private static func reason(_ error: any Error) -> String {
        guard let cause = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
            cause.domain == NSPOSIXErrorDomain
        else { return error.localizedDescription }
        return String(cString: strerror(Int32(cause.code)))
    }
}
