@testable import Das2Cache
import Das2Core
import Das2TestSupport
import Foundation
import InMemoryLogging
import Logging
import Testing

/// Queueing cache builds for the web server (cache-and-queue.md §5.4, C30, C88, C90, C91).
@Suite("Task submitter")
struct TaskSubmitterTests {
    static let c30Block = CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "10")

    func configuration(_ text: String) throws -> ServerConfiguration {
        try ServerConfiguration(parsing: Array(text.utf8), path: "/test/das2server.conf")
    }

    /// Fields 1…10 of C30's queued task.
    static let c30Fields = ["localhost/das/server", "", "10.0.0.5", "", "apache", "TASK_CACHE", "Examples/Spectra", "1979-03-01", "1979-03-02", "10"]

    @Test("C30 [Q]: one TASK_CACHE entry with the request's fields", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c30() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis, database: 15)
        let submitter = TaskSubmitter(queue: queue, user: "apache", logger: QueueTestSupport.silentLogger)
        await submitter.submitCacheBuilds([Self.c30Block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5")
        let entries = try await queue.entries(of: .todo)
        try #require(entries.count == 1)
        let fields = TaskString(entries[0]).fields
        #expect(fields.count == 11)
        #expect(Array(fields[1...]) == Self.c30Fields)
        #expect(TaskTime.isTimeStamp(fields[0]))
    }

    @Test("C88 [Q]: the missing finer block is queued with its level", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c88() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis)
        let submitter = TaskSubmitter(queue: queue, user: "apache", logger: QueueTestSupport.silentLogger)
        let block = CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T12:00", end: "1979-03-01T13:00", level: "0")
        #expect(await submitter.submitCacheBuilds([block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5").count == 1)
        let entries = try await queue.entries(of: .todo)
        try #require(entries.count == 1)
        #expect(Array(TaskString(entries[0]).fields[7...]) == ["Examples/Spectra", "1979-03-01T12:00", "1979-03-01T13:00", "0"])
    }

    @Test("C90 [Q]: the same miss twice queues one entry", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c90() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let configuration = try configuration("WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = \(redis.connection(database: 15))\n")
        let submitter = TaskSubmitter(configuration: configuration, logger: QueueTestSupport.silentLogger)
        for _ in 0..<2 {
            await submitter.submitCacheBuilds([Self.c30Block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5")
        }
        #expect(try QueueTestSupport.redis(redis, database: 15, "LLEN", "das2_todo") == .integer(1))
        let entry = try QueueTestSupport.redis(redis, database: 15, "LINDEX", "das2_todo", "0")
        guard case .string(let text) = entry else {
            Issue.record("no entry")
            return
        }
        #expect(TaskString(text).fields[5] == SystemIdentity.loginName)
    }

    @Test("C90 with concurrent submitters in one process: still one entry", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c90Concurrent() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let submitter = TaskSubmitter(
            queue: QueueTestSupport.redisQueue(redis), user: "apache", logger: QueueTestSupport.silentLogger)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await submitter.submitCacheBuilds([Self.c30Block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5")
                }
            }
        }
        #expect(try QueueTestSupport.redis(redis, "LLEN", "das2_todo") == .integer(1))
    }

    @Test("C91: a broker on a closed port only logs, quickly")
    func c91() async throws {
        let port = try RedisServer.freePort()
        let configuration = try configuration("WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = 127.0.0.1:\(port):15\n")
        let (logger, log) = QueueTestSupport.memoryLogger()
        let submitter = TaskSubmitter(configuration: configuration, logger: logger)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<3 {
            let queued = await submitter.submitCacheBuilds([Self.c30Block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5")
            #expect(queued.isEmpty)
        }
        // Refused at once, then not retried for 10 s (generous bound: tests run in parallel).
        #expect(clock.now - start < .seconds(5))
        let messages = log.entries.map(\.message.description)
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0.hasPrefix("Work queue unreachable, dropping cache request") })
    }

    @Test("C91 with a server that stops: submissions resume being dropped without error", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func brokerGoesDown() async throws {
        let redis = try await RedisServer.start()
        let configuration = try configuration("WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = \(redis.connection())\n")
        let (logger, log) = QueueTestSupport.memoryLogger()
        let submitter = TaskSubmitter(configuration: configuration, logger: logger)
        #expect(await submitter.submitCacheBuilds([Self.c30Block], serverName: "h", scriptName: "/s", remoteAddress: "a").count == 1)
        redis.stop()
        #expect(await submitter.submitCacheBuilds([Self.c30Block], serverName: "h", scriptName: "/s", remoteAddress: "a").isEmpty)
        #expect(log.entries.count == 1)
    }

    @Test("the spool queue: C30 fields and C90 duplicate suppression")
    func spool() async throws {
        let root = try QueueTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let configuration = try configuration("CACHE_ROOT = \(root)\n")
        let submitter = TaskSubmitter(configuration: configuration, logger: QueueTestSupport.silentLogger)
        for _ in 0..<2 {
            await submitter.submitCacheBuilds([Self.c30Block], serverName: "localhost", scriptName: "/das/server", remoteAddress: "10.0.0.5")
        }
        let entries = try await SpoolQueue(directory: root + "/.queue").entries(of: .todo)
        try #require(entries.count == 1)
        #expect(Array(TaskString(entries[0]).fields[1...5]) == ["localhost/das/server", "", "10.0.0.5", "", SystemIdentity.loginName])
    }

    @Test("a configuration without a queue logs once and drops submissions")
    func disabled() async throws {
        let configuration = try configuration("WORK_QUEUE_BROKER = carrier-pigeon\n")
        let (logger, log) = QueueTestSupport.memoryLogger()
        let submitter = TaskSubmitter(configuration: configuration, logger: logger)
        #expect(await submitter.submitCacheBuilds([Self.c30Block], serverName: "h", scriptName: "/s", remoteAddress: "a").isEmpty)
        #expect(log.entries.count == 1)
        #expect(log.entries.first?.message.description.contains("carrier-pigeon") == true)
    }

    @Test("a block whose fields contain '|' is not queued; the others are")
    func invalidBlock() async throws {
        let root = try QueueTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (logger, log) = QueueTestSupport.memoryLogger()
        let submitter = TaskSubmitter(queue: SpoolQueue(directory: root + "/.queue"), user: "apache", logger: logger)
        let bad = CacheTask(dataset: "Examples/a|b", begin: "1979-03-01", end: "1979-03-02", level: "10")
        let queued = await submitter.submitCacheBuilds([bad, Self.c30Block], serverName: "h", scriptName: "/s", remoteAddress: "a")
        #expect(queued.map(\.cacheTask) == [Self.c30Block])
        #expect(log.entries.count == 1)
    }
}
