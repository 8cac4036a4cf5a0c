import ChildProcesses
import Foundation
import TestSupport
import Testing

extension Integration {
    /// The files themselves misbehave: a read-only database, a disk that fills up, update folders and files that
    /// may not be read.
    @Suite struct EnvironmentFailures {
        /// Starts `command` as the user nobody: tests run as root, which may read and write any file.
        private func asNobody(_ command: [String], in workspace: Workspace) throws -> Spawned {
            try Spawned(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"] + command, in: workspace.root)
        }

        @Test func aReadOnlyDatabaseIsRefusedWithoutWriting() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 100)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.database)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            let run = try asNobody(
                [Binaries.batchrun, "apply", "--db", workspace.database, "--updates", workspace.updates.path],
                in: workspace)
            let status = run.wait()
            let message = run.stderr
            #expect(status == 65, "\(message)")
            #expect(message.contains("cannot use database \(workspace.database): attempt to write a readonly database"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }

        @Test func aFullDiskFailsTheStepAndLosesNothing() throws {
            let workspace = try Workspace()
            let disk = workspace.root.appendingPathComponent("disk")
            try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
            try mount(disk.path, options: "size=1m")
            defer { _ = try? shell("/bin/umount", [disk.path]) }
            let database = disk.appendingPathComponent("app.sqlite").path
            try workspace.sql("CREATE TABLE filler (k INTEGER PRIMARY KEY, v TEXT NOT NULL)", database: database)
            try workspace.write(
                "0001_fill.sql",
                """
                -- batch: range=1..20000
                WITH RECURSIVE s(i) AS (SELECT :from + 1 UNION ALL SELECT i + 1 FROM s WHERE i < :to)
                INSERT INTO filler (k, v) SELECT i, printf('%.200c', 'x') FROM s;
                """)
            let full = try workspace.start(["apply"], database: database)
            #expect(full.wait() == 1, "\(full.stderr)")
            #expect(full.stderr.contains("database or disk is full"), "\(full.stderr)")
            #expect(try workspace.text("PRAGMA integrity_check", database: database) == "ok")
            let kept = try #require(try workspace.integer("SELECT count(*) FROM filler", database: database))
            #expect(kept > 0 && kept < 20_000)

            try mount(disk.path, options: "remount,size=64m")
            let resumed = try workspace.start(["apply"], database: database)
            #expect(resumed.wait() == 0, "\(resumed.stderr)")
            #expect(try workspace.integer("SELECT count(*) FROM filler", database: database) == 20_000)
            #expect(try workspace.integer("SELECT sum(k) FROM filler", database: database) == 20_000 * 20_001 / 2)
        }

        @Test func anUpdatesPathThatIsAFileIsAUsageErrorSayingSo() throws {
            let workspace = try Workspace()
            let file = workspace.file("notes.txt")
            try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
            for command in [["apply"], ["status"], ["plan"], ["validate"]] {
                let run = try workspace.batchrun(command + ["--updates", file])
                #expect(run.wait() == 64, "\(command): \(run.stderr)")
                #expect(run.stderr.contains("--updates \(file) is not a folder"), "\(command): \(run.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        @Test func anUpdatesFolderThatMayNotBeReadIsAUsageErrorSayingSo() throws {
            let workspace = try Workspace()
            try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            let locked = workspace.file("locked")
            try FileManager.default.createDirectory(atPath: locked + "/updates", withIntermediateDirectories: true)
            for folder in [workspace.updates.path, locked] {
                try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
            }
            // The folder itself, and a folder inside one that may not be searched.
            for folder in [workspace.updates.path, locked + "/updates"] {
                for command in [["apply"], ["status"], ["plan"], ["validate"]] {
                    let run = try asNobody(
                        [Binaries.batchrun] + command + ["--db", workspace.database, "--updates", folder], in: workspace
                    )
                    #expect(run.wait() == 64, "\(command): \(run.stderr)")
                    #expect(
                        run.stderr.contains("--updates \(folder) cannot be read: Permission denied"),
                        "\(command): \(run.stderr)")
                }
                // The dashboard, given a terminal by script(1), answers the same.
                let dashboard = try asNobody(
                    [
                        "/usr/bin/script", "-qec",
                        "\(Binaries.batchTUI) --db \(workspace.database) --updates \(folder)", "/dev/null",
                    ], in: workspace)
                #expect(dashboard.wait() == 64, "\(dashboard.stdout)")
                #expect(dashboard.stdout.contains("--updates \(folder) cannot be read: Permission denied"))
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        @Test func anUpdateFileThatMayNotBeReadIsInvalidInputNamingIt() throws {
            let workspace = try Workspace()
            let file = try workspace.write("0001_a.sql", "CREATE TABLE a (x);")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            let run = try asNobody(
                [Binaries.batchrun, "apply", "--db", workspace.database, "--updates", workspace.updates.path],
                in: workspace)
            #expect(run.wait() == 65, "\(run.stderr)")
            #expect(run.stderr.contains("\(file): cannot read the file: Permission denied"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }

        private func mount(_ path: String, options: String) throws {
            let status = try shell("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path])
            try #require(status == 0, "mounting a small tmpfs needs root; this test simulates a full disk with one")
        }

        private func shell(_ executable: String, _ arguments: [String]) throws -> Int32 {
            try ChildProcess(executable, arguments, ChildProcess.Options(output: "/dev/null")).wait().status
        }
    }
}
