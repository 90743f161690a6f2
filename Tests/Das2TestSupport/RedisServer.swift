#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A private `redis-server` for one test: loopback only, a free port, a temporary working
/// directory, no persistence. Tests that need it are skipped (with that reason) only when
/// the program is not installed.
///
/// ```swift
/// @Test(.enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
/// func queues() async throws {
///     let redis = try await RedisServer.start()
///     defer { redis.stop() }
///     // WORK_QUEUE_CONN = "127.0.0.1:\(redis.port):0"
/// }
/// ```
public final class RedisServer: Sendable {
    /// The TCP port it listens on (127.0.0.1).
    public let port: Int
    /// Its process id.
    public let processID: Int32
    /// Its working directory (removed by ``stop()``).
    public let directory: String

    /// The `redis-server` program, nil when it is not installed.
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/usr/local/bin"]
        return directories.map { $0 + "/redis-server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether `redis-server` is installed.
    public static var isInstalled: Bool { executable != nil }

    /// `WORK_QUEUE_CONN` for this server and a database.
    public func connection(database: Int = 0) -> String {
        "127.0.0.1:\(port):\(database)"
    }

    /// Starts a server and waits until it accepts connections.
    /// - Throws: when the program is missing or does not start within 10 s.
    public static func start() async throws -> RedisServer {
        guard let executable else { throw RedisServerError(description: "redis-server is not installed") }
        var template = Array((NSTemporaryDirectory() + "das2-redis-XXXXXX").utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!).map { String(cString: $0) } })
        else { throw RedisServerError(description: "cannot create a temporary directory") }
        for _ in 0..<5 {
            let port = try freePort()
            let arguments = [
                executable, "--port", String(port), "--bind", "127.0.0.1", "--dir", directory, "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--logfile", directory + "/redis.log",
            ]
            let processID = try spawn(arguments)
            if await waitUntilListening(port: port, processID: processID) {
                return RedisServer(port: port, processID: processID, directory: directory)
            }
            kill(processID, SIGKILL)
            var status: Int32 = 0
            waitpid(processID, &status, 0)
        }
        let log = (try? String(contentsOfFile: directory + "/redis.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: directory)
        throw RedisServerError(description: "redis-server did not start; its log:\n\(log)")
    }

    private init(port: Int, processID: Int32, directory: String) {
        self.port = port
        self.processID = processID
        self.directory = directory
    }

    /// Stops the server (SIGTERM, then waits for it) and removes its directory; the port is
    /// then closed.
    public func stop() {
        if kill(processID, SIGTERM) == 0 {
            var status: Int32 = 0
            var reaped = false
            for _ in 0..<500 where !reaped {
                reaped = waitpid(processID, &status, WNOHANG) == processID
                if !reaped { usleep(10_000) }
            }
            if !reaped {
                kill(processID, SIGKILL)
                while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A port nobody listens on right now, from the kernel.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RedisServerError(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw RedisServerError(description: "bind: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private static func spawn(_ arguments: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        // Not the test runner's stderr: a server outliving a crashed test run would keep
        // `swift test` waiting for the end of that pipe.
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        // Test runner threads block most signals; the server must get SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var processID: pid_t = 0
        let result = posix_spawn(&processID, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw RedisServerError(description: "cannot start redis-server: error \(result)") }
        return processID
    }

    /// Polls until a TCP connection to the port succeeds, for at most 10 s.
    private static func waitUntilListening(port: Int, processID: Int32) async -> Bool {
        for _ in 0..<500 {
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID { return false }
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(descriptor)
            if connected == 0 { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// Why a ``RedisServer`` could not start.
public struct RedisServerError: Error, CustomStringConvertible {
    public var description: String
}
