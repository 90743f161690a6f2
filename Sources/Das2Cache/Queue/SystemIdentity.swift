#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about this process that go into task strings, locks and worker names.
public enum SystemIdentity {
    /// The host name (`gethostname`), `localhost` when it cannot be read.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = string(buffer)
        return name.isEmpty ? "localhost" : name
    }

    /// The process id.
    public static var processID: Int32 { getpid() }

    /// The login name of the effective user (the server process owner, e.g. `apache`), or the
    /// user id in decimal when the account has no entry.
    public static var loginName: String {
        account(geteuid()) { String(cString: $0.pw_name) }
    }

    /// The real-name (GECOS) field of the real user's account, as `das2_srv_todo` records it
    /// (a reference quirk, §5.3), or the user id in decimal when the account has no entry.
    public static var realName: String {
        account(getuid()) { $0.pw_gecos.map { String(cString: $0) } ?? "" }
    }

    /// Whether a process with this id exists (it may belong to another user).
    static func processExists(_ id: Int32) -> Bool {
        id > 0 && (kill(id, 0) == 0 || errno == EPERM)
    }

    private static func account(_ id: uid_t, _ field: (passwd) -> String) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(id, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return String(id) }
        return field(entry)
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
