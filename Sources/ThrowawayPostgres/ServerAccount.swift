import Foundation

/// The account the servers run as and own their folders as: `postgres` when we run as root (CI does, and
/// PostgreSQL refuses to run as root), the current user otherwise.
struct ServerAccount: Sendable {
    /// The user to switch to with `runuser`; `nil` to run as ourselves.
    let user: String?
    private let uid: uid_t?
    private let gid: gid_t?

    /// The account for this process.
    /// - Throws: `ClusterError` when we are root and there is no `postgres` user.
    static func current() throws -> ServerAccount {
        guard geteuid() == 0 else { return ServerAccount(user: nil, uid: nil, gid: nil) }
        guard let entry = getpwnam("postgres") else {
            throw ClusterError(
                "running as root, the servers must run as the user postgres, which does not exist; "
                    + "the Debian package postgresql creates it: apt-get install postgresql")
        }
        return ServerAccount(user: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// Where cluster folders go: with `inMemory`, `/dev/shm` when it is a memory file system with room to spare,
    /// since creating a database's few hundred files there costs a fraction of what it costs on a disk, and the data
    /// is thrown away anyway; else `/tmp` when we are root, so that the postgres user can reach the folder whatever
    /// `TMPDIR` says; else the temporary directory.
    func temporaryDirectory(inMemory: Bool) -> String {
        var memory = statvfs()
        if inMemory, statvfs("/dev/shm", &memory) == 0, access("/dev/shm", W_OK) == 0,
            UInt64(memory.f_bavail) * UInt64(memory.f_frsize) >= 4 << 30
        {
            return "/dev/shm"
        }
        return user == nil ? FileManager.default.temporaryDirectory.path : "/tmp"
    }

    /// Creates `url` (mode 0700), owned by the account.
    func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try own(url)
    }

    /// Makes the account the owner of `url`.
    func own(_ url: URL) throws {
        guard let uid, let gid else { return }
        guard chown(url.path, uid, gid) == 0 else {
            throw ClusterError("cannot give \(url.path) to \(user ?? ""): \(String(cString: strerror(errno)))")
        }
    }
}
