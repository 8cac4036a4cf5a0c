import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension LeaseRecord {
    /// This machine's host name, as leases record it.
    public static let localHost: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Whether the holder still counts as running, as a runner decides before taking the lease over: until the lease
    /// expires, unless the holder is a process on this host that no longer exists.
    public func isAlive(now: Date = .now) -> Bool {
        if host == Self.localHost && !Self.processExists(pid) { return false }
        return expiresAt > now.timeIntervalSince1970
    }

    private static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
