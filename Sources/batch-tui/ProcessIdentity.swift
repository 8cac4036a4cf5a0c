import BatchEngine
import Foundation

/// This process as the engine's lease names a runner (host and pid), and whether a lease's holder is alive.
enum ProcessIdentity {
    /// This host's name, as `gethostname` gives it.
    static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// This process's id.
    static let pid = getpid()

    /// Whether the holder of `lease` still counts as running, as the engine decides before a takeover: until the
    /// lease expires, unless the holder is a process on this host that no longer exists.
    static func isAlive(_ lease: LeaseRecord, now: Date = .now) -> Bool {
        if lease.host == host && kill(lease.pid, 0) != 0 && errno != EPERM { return false }
        return lease.expiresAt > now.timeIntervalSince1970
    }
}
