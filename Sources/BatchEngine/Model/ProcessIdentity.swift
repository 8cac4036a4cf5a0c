import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// This process as the state tables record it: its host name and process id.
public enum ProcessIdentity {
    /// This machine's host name.
    public static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// This process's id.
    public static var pid: Int32 { getpid() }
}
