import Foundation
import PostgresClient
import TestSupport
import Testing

/// Failures to connect, each classified as the server refusing us (`rejected`) or no server answering
/// (`unreachable`), and none showing a password.
@Suite struct ConnectionFailureTests {
    static let password = "s3cret-Pa55word"

    /// The failure of connecting to `url`, checked to be a connection failure that shows no password.
    private func failure(
        _ url: String, overrides: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> PostgresError {
        // A password file that does not exist keeps a developer's ~/.pgpass out of the test. (Not /dev/null: libpq
        // prints a warning straight to stderr for a password file that is not a plain file.)
        let error = try #require(throws: PostgresError.self, sourceLocation: sourceLocation) {
            try PostgresConnection(url, overrides: [("passfile", "/nonexistent/pgpass")] + overrides)
        }
        #expect(error.kind == .connection, sourceLocation: sourceLocation)
        #expect(error.sqlState == nil, sourceLocation: sourceLocation)
        for text in [error.message, error.description, "\(error)"] {
            #expect(!text.contains("s3cret"), "\(text)", sourceLocation: sourceLocation)
        }
        return error
    }

    private func makePasswordRole() throws -> String {
        let role = "app_\(UUID().uuidString.prefix(8).lowercased())"
        try PostgresCluster.shared.createRole(role, password: Self.password)
        return role
    }

    @Test func theRightPasswordConnectsAndAWrongOneIsRejected() throws {
        let cluster = try PostgresCluster.shared
        let role = try makePasswordRole()
        let connection = try PostgresConnection(cluster.url(user: role, password: Self.password))
        #expect(connection.user == role)

        let error = try failure(cluster.url(user: role, password: "s3cret-but-wrong"))
        #expect(error.connectionFailure == .rejected)
        #expect(error.severity == "FATAL")
        #expect(error.message.hasSuffix(#"FATAL:  password authentication failed for user "\#(role)""#))
        #expect(error.message.contains("127.0.0.1"))
    }

    @Test func aMissingPasswordIsRejected() throws {
        let cluster = try PostgresCluster.shared
        let error = try failure(cluster.url(user: try makePasswordRole()))
        #expect(error.connectionFailure == .rejected)
        #expect(error.message.contains("no password supplied"))
    }

    @Test func aMissingDatabaseOrRoleIsRejected() throws {
        let cluster = try PostgresCluster.shared
        let database = try failure(
            cluster.url(database: "no_such_database", user: try makePasswordRole(), password: Self.password))
        #expect(database.connectionFailure == .rejected)
        #expect(database.message.hasSuffix(#"FATAL:  database "no_such_database" does not exist"#))

        let role = try failure(cluster.url(user: "no_such_role"))
        #expect(role.connectionFailure == .rejected)
        #expect(role.message.hasSuffix(#"FATAL:  role "no_such_role" does not exist"#))
    }

    @Test func tooManyConnectionsIsRejected() throws {
        let cluster = try PostgresCluster.shared
        let role = "limited_\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.createRole(role)
        try cluster.primary.database().execute("ALTER ROLE \(role) CONNECTION LIMIT 0")
        let error = try failure(cluster.url(user: role))
        #expect(error.connectionFailure == .rejected)
        #expect(error.message.contains("too many connections for role"))
    }

    @Test func aClosedPortIsUnreachable() throws {
        let error = try failure("postgres://app:\(Self.password)@127.0.0.1:\(try FreePort.pick())/app")
        #expect(error.connectionFailure == .unreachable)
        #expect(error.message.contains("Connection refused"))
    }

    @Test func anUnknownHostIsUnreachable() throws {
        // A 64-character label cannot be put in a DNS query, so the lookup fails here without asking a resolver.
        let host = String(repeating: "a", count: 64) + ".invalid"
        let error = try failure("postgres://app:\(Self.password)@\(host)/app")
        #expect(error.connectionFailure == .unreachable)
        #expect(error.message.contains("could not translate host name"))
    }

    @Test func aMissingSocketIsUnreachable() throws {
        let error = try failure("host=/nonexistent-socket-folder dbname=app password=\(Self.password)")
        #expect(error.connectionFailure == .unreachable)
        #expect(error.message.contains("No such file or directory"))
    }

    @Test func aServerThatNeverAnswersTimesOutUnreachable() throws {
        let listener = try SilentListener()
        let started = ContinuousClock.now
        let error = try failure(
            "postgres://app:\(Self.password)@127.0.0.1:\(listener.port)/app", overrides: [("connect_timeout", "2")])
        #expect(error.connectionFailure == .unreachable)
        #expect(error.message.contains("timeout expired"))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test(arguments: [
        "postgres://app:s3cret%zz@127.0.0.1/app",
        "postgres://127.0.0.1/app?password=s3cret&no_such_parameter=1",
        "postgres://127.0.0.1/app?passwords3cret",
        "host=127.0.0.1 password=s3cret word",
        "host=127.0.0.1 password='s3cret",
    ])
    func aMalformedConnectionStringIsAClientErrorWithoutThePassword(_ connectionString: String) throws {
        let error = try #require(throws: PostgresError.self) { try PostgresConnection(connectionString) }
        #expect(error.kind == .client)
        #expect(error.message.hasPrefix("invalid connection string"))
        #expect(!error.message.contains("s3cret"), "\(error.message)")
        #expect(!error.message.contains("word\""), "\(error.message)")
    }
}

/// A TCP socket on 127.0.0.1 that accepts connections into its backlog and never says a word.
private final class SilentListener {
    private let socketFD: Int32
    let port: Int

    init() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socketFD = socketFD
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socketFD, address, length) == 0 && listen(socketFD, 8) == 0
                    && getsockname(socketFD, address, &length) == 0
            }
        }
        guard socketFD >= 0, listening else { throw TestSupportError("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socketFD)
    }
}
