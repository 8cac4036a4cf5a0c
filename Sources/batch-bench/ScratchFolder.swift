import Foundation

/// A private temporary folder for the benchmark's databases and update files, removed with everything in it when
/// the benchmark ends.
final class ScratchFolder {
    /// The folder's absolute path.
    let path: String

    /// Creates a fresh, uniquely named folder under `parent` (by default the system's temporary directory).
    /// - Throws: `BenchError` when the folder cannot be created.
    init(under parent: String = NSTemporaryDirectory()) throws {
        let pattern = (parent as NSString).appendingPathComponent("batch-bench-XXXXXX")
        var template = Array(pattern.utf8CString)
        guard let created = mkdtemp(&template) else {
            throw BenchError("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    /// A folder in memory (tmpfs, where syncs cost nothing) for setting up state quickly, or `nil` without one.
    static func inMemory() -> ScratchFolder? {
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        let isTmpfs = mounts.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 2 && fields[1] == "/dev/shm" && fields[2] == "tmpfs"
        }
        return isTmpfs ? try? ScratchFolder(under: "/dev/shm") : nil
    }

    /// Removes the folder and its contents.
    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Creates (empty) the subfolder `name` and returns its path.
    /// - Throws: a file system error.
    func folder(_ name: String) throws -> String {
        let folder = file(name)
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Deletes a database file together with its `-wal`, `-shm` and `-journal` companions.
    func removeDatabase(_ database: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: database + suffix)
        }
    }

    /// Deletes a file or folder, ignoring one that does not exist.
    func remove(_ item: String) {
        try? FileManager.default.removeItem(atPath: item)
    }
}
