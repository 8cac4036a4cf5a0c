import ChildProcesses
import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// A worker on another "host" (a network namespace with its own host name) loses its link to the server in
    /// the middle of its work. Its claim expires, a worker on this host takes over, and when the link comes back
    /// the cut-off worker commits nothing more and says why: no row is doubled or missed.
    @Suite(.enabled(if: getuid() == 0, "ip netns and veth need root; CI runs as root"))
    struct PostgresPartition {
        /// Runs `command` as root, to completion.
        private func run(_ command: [String]) throws {
            let child = try ChildProcess(
                command[0], Array(command.dropFirst()), ChildProcess.Options(output: "/dev/null"))
            let status = child.wait().status
            guard status == 0 else { throw TestSupportError("`\(command.joined(separator: " "))` exited \(status)") }
        }

        @Test func aPartitionedWorkersClaimIsTakenOverAndItCommitsNothingMore() throws {
            let tag = String(UInt32.random(in: 0..<1_000_000), radix: 36)
            let (namespace, outside, inside) = ("brn\(tag)", "brv\(tag)o", "brv\(tag)i")
            let subnet = "10.\(Int.random(in: 100...250)).\(Int.random(in: 0...250))"
            try run(["ip", "netns", "add", namespace])
            defer { try? run(["ip", "netns", "delete", namespace]) }
            try run(["ip", "link", "add", outside, "type", "veth", "peer", "name", inside])
            defer { try? run(["ip", "link", "delete", outside]) }
            try run(["ip", "link", "set", inside, "netns", namespace])
            try run(["ip", "addr", "add", "\(subnet).1/30", "dev", outside])
            try run(["ip", "link", "set", outside, "up"])
            try run(["ip", "netns", "exec", namespace, "ip", "addr", "add", "\(subnet).2/30", "dev", inside])
            try run(["ip", "netns", "exec", namespace, "ip", "link", "set", inside, "up"])
            try run(["ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"])

            let cluster = try PostgresCluster.start(.init(listenAddresses: ["127.0.0.1", "\(subnet).1"]))
            defer { cluster.shutdown() }
            let database = try cluster.makeDatabase()
            let workspace = try Workspace()
            try BumpQueue.make(in: database, workspace, rows: 40_000, logging: true)
            let options = ["--workers", "1", "--lease-ttl", "3s", "--range-size", "200"]
            let remote = "postgres://postgres@\(subnet).1:\(cluster.port)/\(database.name)"
            let apply =
                ([Binaries.batchrun, "apply", "--db", remote, "--updates", workspace.updates.path, "--throttle", "3"]
                + options)
                .map { "'\($0)'" }.joined(separator: " ")
            let far = try Spawned(
                "ip",
                ["netns", "exec", namespace, "unshare", "--uts", "sh", "-c", "hostname far-host && exec \(apply)"],
                in: workspace.root)
            let done = { Int((try? database.scalar("SELECT count(*) FROM touched")) ?? nil ?? "") ?? 0 }
            try workspace.waitUntil { done() > 1000 }
            #expect(try database.scalar("SELECT host FROM batchrun_workers") == "far-host")

            try run(["ip", "link", "set", outside, "down"])
            let cutAt = done()
            let near = try workspace.batchrun(["apply"] + options, database: database.url)
            #expect(near.wait() == 0, "\(near.stderr)")
            #expect(near.stdout.contains("took over chunk 1 of 0001_bump from far-host pid"), "\(near.stdout)")
            #expect(done() == 40_000)

            try run(["ip", "link", "set", outside, "up"])
            #expect(far.wait() == 0, "\(far.stderr)")
            #expect(far.stdout.contains("lost its claim on chunk 1 of 0001_bump"), "\(far.stdout)")
            #expect(far.stdout.contains("commits nothing more there"))
            #expect(cutAt < 40_000, "the link went down with work left")
            #expect(try database.scalar("SELECT count(*) FROM t WHERE n = 1") == "40000")
            #expect(try database.scalar("SELECT count(*) FROM touched") == "40000", "no range committed twice")
            #expect(try database.scalar("SELECT count(DISTINCT id) FROM touched") == "40000")
        }
    }
}
