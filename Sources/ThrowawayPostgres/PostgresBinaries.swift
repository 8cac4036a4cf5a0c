import ChildProcesses
import Foundation

/// Where the PostgreSQL server programs are: initdb, pg_ctl, postgres and pg_basebackup.
struct PostgresBinaries: Sendable {
    /// The programs this support code runs.
    static let required = ["initdb", "pg_ctl", "postgres", "pg_basebackup"]

    /// The folder that holds them.
    let directory: String

    /// The path of program `name` in the folder.
    func path(_ name: String) -> String {
        "\(directory)/\(name)"
    }

    /// The folder `pg_config --bindir` names; failing that, the newest `/usr/lib/postgresql/*/bin`, Debian's layout,
    /// that holds every required program.
    /// - Throws: `ClusterError` naming the Debian package to install when no folder has them.
    static func locate() throws -> PostgresBinaries {
        let candidates = [configuredDirectory()].compactMap { $0 } + debianDirectories()
        guard let directory = candidates.first(where: isComplete) else {
            throw ClusterError(
                "the PostgreSQL server programs (\(required.joined(separator: ", "))) are not installed; looked in "
                    + "\(candidates.isEmpty ? "pg_config --bindir and /usr/lib/postgresql/*/bin" : candidates.joined(separator: ", ")). "
                    + "Install the Debian package postgresql: apt-get install postgresql")
        }
        return PostgresBinaries(directory: directory)
    }

    private static func isComplete(_ directory: String) -> Bool {
        required.allSatisfy { access("\(directory)/\($0)", X_OK) == 0 }
    }

    /// What `pg_config --bindir` prints, if pg_config is installed (Debian's libpq-dev has it).
    private static func configuredDirectory() -> String? {
        guard let pgConfig = try? ChildProcess.locate("pg_config") else { return nil }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pg_config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        guard let child = try? ChildProcess(pgConfig, ["--bindir"], ChildProcess.Options(output: output.path)),
            child.wait().status == 0, let printed = try? String(contentsOf: output, encoding: .utf8)
        else { return nil }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Debian's `/usr/lib/postgresql/VERSION/bin` folders, the newest version first.
    private static func debianDirectories() -> [String] {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
    }
}
