import ChildProcesses
import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite struct PostgresClusterTests {
    @Test func aReplicaStreamsRowsAndLagsWhileAnApplyDelayIsSet() throws {
        let cluster = try PostgresCluster.shared
        let database = try cluster.makeDatabase()
        let replica = try cluster.makeReplica()
        let mirror = replica.server.database(database.name)
        try database.script("CREATE TABLE t (n int); INSERT INTO t VALUES (1)")
        try replica.waitForReplay()
        #expect(try mirror.scalar("SELECT pg_is_in_recovery()") == "t")
        #expect(try mirror.scalar("SELECT count(*) FROM t") == "1")

        try replica.setApplyDelay(.seconds(3))
        try database.execute("INSERT INTO t VALUES (2)")
        Thread.sleep(forTimeInterval: 0.7)
        #expect(try mirror.scalar("SELECT count(*) FROM t") == "1")
        let lag = try database.scalar(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) > 0 FROM pg_stat_replication")
        #expect(lag == "t")

        try replica.setApplyDelay(.zero)
        try replica.waitForReplay(timeout: .seconds(2))
        #expect(try mirror.scalar("SELECT count(*) FROM t") == "2")
    }

    @Test func aClusterWhoseOwnerIsKilledIsStoppedAndRemoved() throws {
        let owner = try ChildProcess("/bin/sleep", ["60"], ChildProcess.Options(output: "/dev/null"))
        let cluster = try PostgresCluster.start(owner: owner.pid)
        let postmaster = try #require(cluster.primary.postmasterPID)
        #expect(kill(postmaster, 0) == 0)

        owner.send(SIGKILL)
        owner.wait()
        try waitUntil {
            kill(postmaster, 0) == -1 && errno == ESRCH && !FileManager.default.fileExists(atPath: cluster.root.path)
        }
        cluster.shutdown()
    }

    @Test func runsSQLThroughItsHelpers() throws {
        let database = try PostgresCluster.shared.makeDatabase()
        try database.script("CREATE TABLE t (a int, b text); INSERT INTO t VALUES (1, 'x'), (2, NULL)")
        #expect(try database.rows("SELECT a, b FROM t ORDER BY a") == [["1", "x"], ["2", nil]])
        #expect(try database.scalar("SELECT sum(a) FROM t WHERE a > $1", [0]) == "3")
        #expect(database.url.hasSuffix("/\(database.name)"))
    }
}
