import ChildProcesses
import Foundation
import TestSupport
import Testing

extension Integration {
    /// The database file itself misbehaves: read-only, or on a disk that fills up.
    @Suite struct EnvironmentFailures {
        @Test func aReadOnlyDatabaseIsRefusedWithoutWriting() throws {
            let workspace = try Workspace()
            try workspace.makeBumpQueue(rows: 100)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.database)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            // Tests run as root, which may write any file; run batchrun as nobody so the file is really read-only.
            let run = try Spawned(
                "/usr/bin/setpriv",
                [
                    "--reuid=65534", "--regid=65534", "--clear-groups", Binaries.batchrun, "apply", "--db",
                    workspace.database, "--updates", workspace.updates.path,
                ], in: workspace.root)
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

        private func mount(_ path: String, options: String) throws {
            let status = try shell("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path])
            try #require(status == 0, "mounting a small tmpfs needs root; this test simulates a full disk with one")
        }

        private func shell(_ executable: String, _ arguments: [String]) throws -> Int32 {
            try ChildProcess(executable, arguments, ChildProcess.Options(output: "/dev/null")).wait().status
        }
    }
}
