import Foundation
import PostgresClient
import TestSupport
import Testing

extension Integration {
    /// `--db postgres://...` and `$DATABASE_URL` as a user meets them: a server that cannot be reached, a database
    /// or a password that is wrong (and never printed), a read-only standby.
    @Suite struct PostgresCommandLine {
        private func queue() throws -> (Workspace, TestDatabase) {
            let workspace = try Workspace()
            let database = try PostgresCluster.shared.makeDatabase()
            try database.script("CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 500)")
            try workspace.write(
                "0001_walk.sql", "-- batch: table=t key=id\nSELECT count(*) FROM t WHERE id > :from AND id <= :to;")
            return (workspace, database)
        }

        @Test func databaseURLIsTheDefaultDatabase() throws {
            let (workspace, database) = try queue()
            let run = try Spawned(
                Binaries.batchrun, ["apply", "--updates", workspace.updates.path], in: workspace.root,
                environment: ["DATABASE_URL": database.url])
            #expect(run.wait() == 0, "\(run.stderr)")
            let status = try Spawned(
                Binaries.batchrun, ["status", "--updates", workspace.updates.path], in: workspace.root,
                environment: ["DATABASE_URL": database.url])
            #expect(status.wait() == 0)
            #expect(status.stdout.contains("0001_walk") && status.stdout.contains("done"), "\(status.stdout)")
        }

        @Test func aServerThatCannotBeReachedLeavesWorkAndNamesTheServer() throws {
            let (workspace, _) = try queue()
            let url = "postgres://postgres@127.0.0.1:\(try FreePort.pick())/nowhere?connect_timeout=2"
            let run = try workspace.batchrun(["apply"], database: url)
            #expect(run.wait() == 75, "\(run.stderr)")
            #expect(run.stderr.contains("cannot reach the server at postgres://postgres@127.0.0.1"), "\(run.stderr)")
        }

        @Test func aMissingDatabaseIsAUsageErrorNamingIt() throws {
            let (workspace, database) = try queue()
            let url = database.url.replacingOccurrences(of: "/\(database.name)", with: "/no_such_database")
            let run = try workspace.batchrun(["apply"], database: url)
            #expect(run.wait() == 64, "\(run.stderr)")
            #expect(run.stderr.contains("no_such_database"), "\(run.stderr)")
        }

        @Test func aWriterGapOnPostgreSQLIsAUsageErrorAndWritesNothing() throws {
            let (workspace, database) = try queue()
            let run = try workspace.batchrun(["apply", "--writer-gap", "30ms"], database: database.url)
            #expect(run.wait() == 64, "\(run.stderr)")
            #expect(run.stderr.contains("--writer-gap is for SQLite"), "\(run.stderr)")
            #expect(try database.scalar("SELECT to_regclass('batchrun_meta') IS NULL") == "t")
        }

        @Test func aWrongPasswordIsRefusedAndNoPasswordIsEverPrinted() throws {
            let (workspace, database) = try queue()
            let role = "app_\(UUID().uuidString.prefix(8).lowercased())"
            try PostgresCluster.shared.createRole(role, password: "right-secret-41")
            try database.script("GRANT ALL ON SCHEMA public TO \(role); GRANT ALL ON t TO \(role)")
            let host = "127.0.0.1:\(try PostgresCluster.shared.port)"
            let wrong = try workspace.batchrun(
                ["apply", "--json"], database: "postgres://\(role):wrong-secret-17@\(host)/\(database.name)")
            #expect(wrong.wait() == 64, "\(wrong.stderr)")
            #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
            let right = "postgres://\(role):right-secret-41@\(host)/\(database.name)"
            let apply = try workspace.batchrun(["apply", "--json"], database: right)
            #expect(apply.wait() == 0, "\(apply.stderr)")
            let status = try workspace.batchrun(["status", "--json"], database: right)
            let plain = try workspace.batchrun(["status"], database: right)
            for output in [wrong.stdout, wrong.stderr, apply.stdout, apply.stderr, status.stdout, plain.stdout] {
                #expect(!output.contains("secret"), "a password was printed: \(output)")
            }
            #expect(plain.stdout.contains("postgres://\(role)@\(host)/\(database.name)"), "\(plain.stdout)")
        }

        @Test func aStandbyShowsTheReplicatedStateAndRefusesWrites() throws {
            let (workspace, database) = try queue()
            #expect(try workspace.batchrun(["apply"], database: database.url).wait() == 0)
            let replica = try PostgresCluster.shared.makeReplica()
            try replica.waitForReplay()
            let standby = replica.url(database: database.name)
            let status = try workspace.batchrun(["status"], database: standby)
            #expect(status.wait() == 0, "\(status.stderr)")
            #expect(status.stdout.contains("1 of 1 step done"), "\(status.stdout)")
            for command in [["apply"], ["pause"], ["throttle", "0.5"]] {
                let refused = try workspace.batchrun(command, database: standby)
                #expect(refused.wait() == 64, "\(command): \(refused.stderr)")
                #expect(refused.stderr.contains("read-only standby; point --db at the primary"), "\(refused.stderr)")
            }
        }
    }
}
