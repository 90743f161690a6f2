#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Das2Cache
import Das2TestSupport
import Foundation
import InMemoryLogging
import Logging

/// Helpers of the work-queue tests.
enum QueueTestSupport {
    /// A new empty directory; remove it with `FileManager.default.removeItem(atPath:)`.
    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "das2-queue-XXXXXX").utf8CString)
        guard let path = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!).map { String(cString: $0) } }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return path
    }

    /// The id of a process that has ended (started and reaped here).
    static func deadProcessID() -> Int32 {
        var processID: pid_t = 0
        let argv = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&processID, "/bin/true", nil, nil, argv, environ) == 0 else { return 0x7FFF_FFF0 }
        var status: Int32 = 0
        waitpid(processID, &status, 0)
        return processID
    }

    /// A logger that keeps its entries, and the handler to read them from.
    static func memoryLogger() -> (Logger, InMemoryLogHandler) {
        let handler = InMemoryLogHandler()
        return (Logger(label: "queue-test") { _ in handler }, handler)
    }

    /// A logger that drops everything.
    static let silentLogger = Logger(label: "queue-test") { _ in SwiftLogNoOpLogHandler() }

    /// A Redis queue for a test server, as a worker with process id `processID`.
    static func redisQueue(_ server: RedisServer, database: Int = 0, processID: Int32 = getpid(), hostName: String = "testhost")
        -> RedisQueue
    {
        RedisQueue(
            endpoint: RedisEndpoint(host: "127.0.0.1", port: server.port, database: database), connectTimeout: 2,
            processID: processID, hostName: hostName, logger: silentLogger)
    }

    /// Sends one raw command to a test server (the way the original tools talk to it).
    static func redis(_ server: RedisServer, database: Int = 0, _ arguments: String...) throws -> RedisReply {
        let connection = try RedisConnection(
            endpoint: RedisEndpoint(host: "127.0.0.1", port: server.port, database: database), connectTimeout: 2,
            commandTimeout: 5)
        return try connection.send(arguments)
    }

    /// A queued task string with a given job.
    static func cacheTask(_ dataset: String, _ begin: String, _ end: String, _ level: String) throws -> TaskString {
        try TaskString(
            cache: CacheTask(dataset: dataset, begin: begin, end: end, level: level), requestTime: "2019-08-24T02:09:27.690",
            origin: .webServer(serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5", user: "apache"))
    }
}
