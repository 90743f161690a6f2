#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Das2Cache
import Das2TestSupport
import Testing

/// The Redis work queue against a real `redis-server` (cache-and-queue.md §5.1–§5.3).
@Suite("Redis queue", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
struct RedisQueueTests {
    @Test("a task goes das2_todo → das2_working_<pid> → das2_finished")
    func lifecycle() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis, processID: 4242)
        let task = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10")
        try await queue.enqueue(task)
        #expect(try QueueTestSupport.redis(redis, "LRANGE", "das2_todo", "0", "-1") == .array([.string(task.text)]))

        let claimed = try #require(try await queue.claim())
        #expect(claimed.task == task)
        #expect(try QueueTestSupport.redis(redis, "LLEN", "das2_todo") == .integer(0))
        #expect(try QueueTestSupport.redis(redis, "LRANGE", "das2_working_4242", "0", "-1") == .array([.string(task.text)]))

        let progress = task.inProcess(beginTime: "2019-08-24T02:09:28.001", status: "Writing: x", progress: "0.25")
        try await queue.update(claimed, to: progress)
        #expect(try QueueTestSupport.redis(redis, "LINDEX", "das2_working_4242", "0") == .string(progress.text))
        #expect(try await queue.entries(of: .working) == [progress.text])

        let finished = task.finished(beginTime: "2019-08-24T02:09:28.001", status: "ok", endTime: "2019-08-24T02:09:29.000", returnCode: 0)
        try await queue.finish(claimed, as: finished)
        #expect(try QueueTestSupport.redis(redis, "EXISTS", "das2_working_4242") == .integer(0))
        #expect(try await queue.entries(of: .finished) == [finished.text])
    }

    @Test("oldest first; lists newest first; tasks pushed by other tools are taken")
    func order() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis)
        let tasks = try (1...3).map { try QueueTestSupport.cacheTask("Examples/S\($0)", "2000-01-01", "2000-01-02", "ALL") }
        try await queue.enqueue(tasks[0])
        _ = try QueueTestSupport.redis(redis, "LPUSH", "das2_todo", tasks[1].text)
        try await queue.enqueue(tasks[2])
        #expect(try await queue.entries(of: .todo) == tasks.reversed().map(\.text))
        for task in tasks {
            let claimed = try #require(try await queue.claim())
            #expect(claimed.task == task)
            try await queue.discard(claimed)
        }
        #expect(try await queue.claim() == nil)
    }

    @Test("requeue puts the queued form at the front (RPUSH) and deletes the working list")
    func requeue() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis, processID: 77)
        let first = try QueueTestSupport.cacheTask("Examples/A", "2000-01-01", "2000-01-02", "0")
        let second = try QueueTestSupport.cacheTask("Examples/B", "2000-01-01", "2000-01-02", "0")
        try await queue.enqueue(first)
        let claimed = try #require(try await queue.claim())
        try await queue.update(claimed, to: first.inProcess(beginTime: TaskTime.now(), status: "Writing: a", progress: "0.50"))
        try await queue.enqueue(second)
        try await queue.requeue(claimed)
        #expect(try QueueTestSupport.redis(redis, "EXISTS", "das2_working_77") == .integer(0))
        #expect(try await queue.entries(of: .todo) == [second.text, first.text])
        #expect(try await queue.claim()?.task == first)
    }

    @Test("tasks left in this process's working list by an earlier process go back to das2_todo")
    func recovery() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let task = try QueueTestSupport.cacheTask("Examples/A", "2000-01-01", "2000-01-02", "0")
        let done = try QueueTestSupport.cacheTask("Examples/B", "2000-01-01", "2000-01-02", "0")
            .finished(beginTime: TaskTime.now(), status: "ok", endTime: TaskTime.now(), returnCode: 0)
        _ = try QueueTestSupport.redis(redis, "LPUSH", "das2_working_99", done.text)
        _ = try QueueTestSupport.redis(
            redis, "LPUSH", "das2_working_99", task.inProcess(beginTime: TaskTime.now(), status: "", progress: "0/100").text)
        let queue = QueueTestSupport.redisQueue(redis, processID: 99)
        #expect(try await queue.recoverAbandonedTasks() == [task])
        #expect(try await queue.entries(of: .todo) == [task.text])
        #expect(try await queue.entries(of: .finished) == [done.text])
        #expect(try QueueTestSupport.redis(redis, "EXISTS", "das2_working_99") == .integer(0))
        #expect(try await QueueTestSupport.redisQueue(redis, processID: 98).recoverAbandonedTasks().isEmpty)
    }

    @Test func workingListsOfAllWorkersAreListedAndCloseDeletesOnlyOwn() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let one = QueueTestSupport.redisQueue(redis, processID: 1001)
        let two = QueueTestSupport.redisQueue(redis, processID: 1002)
        for level in ["1", "2"] {
            try await one.enqueue(try QueueTestSupport.cacheTask("Examples/W", "2000-01-01", "2000-01-02", level))
        }
        _ = try #require(try await one.claim())
        _ = try #require(try await two.claim())
        #expect(try await one.entries(of: .working).count == 2)
        await one.close()
        #expect(try QueueTestSupport.redis(redis, "EXISTS", "das2_working_1001") == .integer(0))
        #expect(try await two.entries(of: .working).count == 1)
    }

    @Test("duplicate jobs anywhere in das2_todo are skipped, the others queued (C90, DC-4, DC-5)")
    func duplicates() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis)
        let a = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10")
        let b = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-02", "1979-03-03", "10")
        #expect(try await queue.enqueueUnlessPending([b]) == [b])
        for number in 0..<3 {
            try await queue.enqueue(try QueueTestSupport.cacheTask("Examples/Other", "2000-01-01", "2000-01-02", String(number)))
        }
        #expect(try await queue.enqueueUnlessPending([a, b, a]) == [a])
        #expect(try await queue.entries(of: .todo).count == 5)
    }

    @Test("the database of WORK_QUEUE_CONN is used")
    func database() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis, database: 15)
        try await queue.enqueue(try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10"))
        #expect(try QueueTestSupport.redis(redis, database: 15, "LLEN", "das2_todo") == .integer(1))
        #expect(try QueueTestSupport.redis(redis, database: 0, "LLEN", "das2_todo") == .integer(0))
    }

    @Test("block locks: SET NX PX 60000 with value host:pid, exclusive, renewed, released")
    func blockLocks() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let mine = QueueTestSupport.redisQueue(redis, processID: 11, hostName: "alpha")
        let theirs = QueueTestSupport.redisQueue(redis, processID: 22, hostName: "beta")
        let path = "data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s"
        let lock = try #require(mine.blockLock)
        let other = try #require(theirs.blockLock)
        #expect(await lock.acquire(path))
        #expect(try QueueTestSupport.redis(redis, "GET", "das2_lock:" + path) == .string("alpha:11"))
        guard case .integer(let ttl) = try QueueTestSupport.redis(redis, "PTTL", "das2_lock:" + path) else {
            Issue.record("no TTL")
            return
        }
        #expect(ttl > 55_000 && ttl <= 60_000)
        #expect(await !other.acquire(path))

        _ = try QueueTestSupport.redis(redis, "PEXPIRE", "das2_lock:" + path, "5000")
        try await mine.renewLock(path)
        guard case .integer(let renewed) = try QueueTestSupport.redis(redis, "PTTL", "das2_lock:" + path) else {
            Issue.record("no TTL")
            return
        }
        #expect(renewed > 55_000)
        // Another worker's release or renewal leaves the lock alone.
        try await theirs.releaseLock(path)
        try await theirs.renewLock(path)
        #expect(try QueueTestSupport.redis(redis, "GET", "das2_lock:" + path) == .string("alpha:11"))

        await lock.release(path)
        #expect(try QueueTestSupport.redis(redis, "EXISTS", "das2_lock:" + path) == .integer(0))
        #expect(await other.acquire(path))
        await other.release(path)
    }

    @Test("a closed port is unavailable at once; a producer then fails fast without reconnecting")
    func unreachable() async throws {
        let port = try RedisServer.freePort()
        let queue = RedisQueue(
            endpoint: RedisEndpoint(host: "127.0.0.1", port: port), connectTimeout: 2, commandTimeout: 2,
            retryDelay: .seconds(10), logger: QueueTestSupport.silentLogger)
        await #expect {
            try await queue.connect()
        } throws: { error in
            (error as? WorkQueueError)?.kind == .unavailable
                && (error as? WorkQueueError)?.message.contains("Job broker not available at 127.0.0.1:\(port)") == true
        }
        await #expect(throws: WorkQueueError.self) {
            try await queue.enqueue(try QueueTestSupport.cacheTask("Examples/A", "2000-01-01", "2000-01-02", "0"))
        }
    }

    @Test("a worker reconnects after the broker restarts")
    func reconnects() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let queue = QueueTestSupport.redisQueue(redis)
        try await queue.connect()
        _ = try QueueTestSupport.redis(redis, "CLIENT", "KILL", "TYPE", "normal")
        await #expect(throws: WorkQueueError.self) { try await queue.entries(of: .todo) }
        #expect(try await queue.entries(of: .todo).isEmpty)
    }
}
