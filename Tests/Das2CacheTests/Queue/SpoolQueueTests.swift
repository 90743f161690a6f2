#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Das2Cache
import Das2Core
import Foundation
import Testing

/// The embedded spool queue (cache-and-queue.md §5.0, DC-9).
@Suite("Spool queue")
struct SpoolQueueTests {
    /// A queue directory in a fresh temporary directory.
    struct Spool {
        let root: String
        var directory: String { root + "/.queue" }

        init() throws {
            root = try QueueTestSupport.temporaryDirectory()
        }

        func queue(processID: Int32 = getpid(), hostName: String = "testhost") -> SpoolQueue {
            SpoolQueue(directory: directory, processID: processID, hostName: hostName)
        }

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []).sorted()
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    @Test("a task goes todo → working → finished, rewritten in place")
    func lifecycle() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let queue = spool.queue()
        let task = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10")
        try await queue.enqueue(task)
        #expect(spool.files("todo").count == 1)
        #expect(spool.files("tmp").isEmpty)
        #expect(try await queue.entries(of: .todo) == [task.text])

        let claimed = try #require(try await queue.claim())
        #expect(claimed.task == task)
        #expect(spool.files("todo").isEmpty)
        let working = spool.files("working")
        #expect(working.count == 1)
        #expect(working.first?.hasPrefix("testhost.\(getpid())-") == true)

        let started = task.inProcess(beginTime: "2019-08-24T02:09:28.001")
        try await queue.update(claimed, to: started)
        #expect(try await queue.entries(of: .working) == [started.text])
        let progress = task.inProcess(beginTime: "2019-08-24T02:09:28.001", status: "Writing: x", progress: "0.50")
        try await queue.update(claimed, to: progress)
        #expect(try await queue.entries(of: .working) == [progress.text])

        let finished = task.finished(beginTime: "2019-08-24T02:09:28.001", status: "done", endTime: "2019-08-24T02:09:29.000", returnCode: 0)
        try await queue.finish(claimed, as: finished)
        #expect(spool.files("working").isEmpty)
        #expect(spool.files("tmp").isEmpty)
        #expect(try await queue.entries(of: .finished) == [finished.text])
        #expect(try await queue.entries(of: .todo).isEmpty)
    }

    @Test("the oldest task is claimed first; lists read newest first")
    func order() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let queue = spool.queue()
        let tasks = try (1...5).map { try QueueTestSupport.cacheTask("Examples/S\($0)", "2000-01-01", "2000-01-02", "ALL") }
        for task in tasks { try await queue.enqueue(task) }
        #expect(try await queue.entries(of: .todo) == tasks.reversed().map(\.text))
        for task in tasks {
            let claimed = try #require(try await queue.claim())
            #expect(claimed.task == task)
            try await queue.discard(claimed)
        }
        #expect(spool.files("working").isEmpty)
    }

    @Test("workers racing for tasks each claim a task exactly once")
    func racingWorkers() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let producer = spool.queue()
        let count = 40
        for number in 0..<count {
            try await producer.enqueue(try QueueTestSupport.cacheTask("Examples/Race", "2000-01-01", "2000-01-02", String(number)))
        }
        let workers = (0..<4).map { spool.queue(hostName: "worker\($0)") }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in workers {
                group.addTask {
                    var levels: [String] = []
                    while let claimed = try await worker.claim() {
                        levels.append(claimed.task.fields[10])
                        try await worker.finish(
                            claimed,
                            as: claimed.task.finished(beginTime: TaskTime.now(), status: "ok", endTime: TaskTime.now(), returnCode: 0))
                    }
                    return levels
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claims.count == count)
        #expect(Set(claims) == Set((0..<count).map(String.init)))
        #expect(try await producer.entries(of: .finished).count == count)
    }

    @Test("two workers race for one task: exactly one wins")
    func oneTaskTwoWorkers() async throws {
        for _ in 0..<5 {
            let spool = try Spool()
            defer { spool.remove() }
            try await spool.queue().enqueue(try QueueTestSupport.cacheTask("Examples/One", "2000-01-01", "2000-01-02", "0"))
            let workers = [spool.queue(hostName: "a"), spool.queue(hostName: "b")]
            let claims = workers.map { worker in Task { try await worker.claim() } }
            // The loser keeps polling an empty todo/ until cancelled.
            try await Task.sleep(for: .milliseconds(300))
            claims.forEach { $0.cancel() }
            var winners = 0
            for claim in claims where try await claim.value != nil { winners += 1 }
            #expect(winners == 1)
            #expect(spool.files("working").count == 1)
            #expect(spool.files("todo").isEmpty)
        }
    }

    @Test("a dead worker's task returns to todo in its queued form; live and foreign workers keep theirs")
    func deadWorkerRecovery() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let deadID = QueueTestSupport.deadProcessID()
        let dead = spool.queue(processID: deadID)
        let foreign = spool.queue(processID: deadID, hostName: "other-host")
        let live = spool.queue()
        let tasks = try (0..<4).map { try QueueTestSupport.cacheTask("Examples/Dead", "2000-01-01", "2000-01-02", String($0)) }
        for task in tasks { try await live.enqueue(task) }

        let abandoned = try #require(try await dead.claim())
        try await dead.update(abandoned, to: abandoned.task.inProcess(beginTime: TaskTime.now(), status: "Writing: x", progress: "0.50"))
        let nearlyDone = try #require(try await dead.claim())
        try await dead.update(
            nearlyDone, to: nearlyDone.task.finished(beginTime: TaskTime.now(), status: "ok", endTime: TaskTime.now(), returnCode: 0))
        let elsewhere = try #require(try await foreign.claim())
        let running = try #require(try await live.claim())
        #expect(spool.files("working").count == 4)

        let recovered = try await spool.queue(hostName: "testhost").recoverAbandonedTasks()
        #expect(recovered == [abandoned.task])
        #expect(try await live.entries(of: .todo) == [abandoned.task.text])
        #expect(try await live.entries(of: .finished).count == 1)
        let kept = Set(try await live.entries(of: .working).map { TaskString($0).queuedTask })
        #expect(kept == [elsewhere.task, running.task])

        // The recovered task keeps its place: it is the oldest and is taken next.
        try await live.enqueue(try QueueTestSupport.cacheTask("Examples/Later", "2000-01-01", "2000-01-02", "9"))
        #expect(try await live.claim()?.task == abandoned.task)
    }

    @Test("waiting tasks survive a restart of every queue user")
    func restartSurvival() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let task = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10")
        do {
            let before = spool.queue()
            try await before.enqueue(task)
        }
        let after = spool.queue()
        #expect(try await after.entries(of: .todo) == [task.text])
        #expect(try await after.claim()?.task == task)
    }

    @Test("a requeued task goes back in its queued form and is taken next")
    func requeue() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let queue = spool.queue()
        let first = try QueueTestSupport.cacheTask("Examples/A", "2000-01-01", "2000-01-02", "0")
        let second = try QueueTestSupport.cacheTask("Examples/B", "2000-01-01", "2000-01-02", "0")
        try await queue.enqueue(first)
        let claimed = try #require(try await queue.claim())
        try await queue.update(claimed, to: first.inProcess(beginTime: TaskTime.now(), status: "Writing: a", progress: "0.50"))
        try await queue.enqueue(second)
        try await queue.requeue(claimed)
        #expect(spool.files("working").isEmpty)
        #expect(try await queue.entries(of: .todo) == [second.text, first.text])
        #expect(try await queue.claim()?.task == first)
    }

    @Test("duplicates of waiting jobs are skipped one by one (DC-4, DC-5)")
    func duplicates() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let queue = spool.queue()
        let a = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-01", "1979-03-02", "10")
        let b = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-02", "1979-03-03", "10")
        let c = try QueueTestSupport.cacheTask("Examples/Spectra", "1979-03-03", "1979-03-04", "10")
        #expect(try await queue.enqueueUnlessPending([b]) == [b])
        for number in 0..<5 {
            try await queue.enqueue(try QueueTestSupport.cacheTask("Examples/Other", "2000-01-01", "2000-01-02", String(number)))
        }
        // b is pending behind newer tasks; a and c are new, and a repeated c is skipped too.
        #expect(try await queue.enqueueUnlessPending([a, b, c, c]) == [a, c])
        #expect(try await queue.entries(of: .todo).count == 8)
    }

    @Test func claimWaitsAboutASecondThenReturnsNil() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await spool.queue().claim() == nil)
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(700))
    }

    @Test func aCancelledClaimReturnsNilAndLeavesTheQueueUsable() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        let queue = spool.queue()
        try await queue.connect()
        let waiting = Task { try await queue.claim() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(try await waiting.value == nil)
        let task = try QueueTestSupport.cacheTask("Examples/A", "2000-01-01", "2000-01-02", "0")
        try await queue.enqueue(task)
        #expect(try await queue.claim()?.task == task)
    }

    @Test func missingCacheRootDisablesTheSpoolQueue() throws {
        let configuration = try ServerConfiguration(parsing: Array("SITE_NAME = x\n".utf8), path: "/etc/das2server.conf")
        #expect {
            _ = try WorkQueueFactory.make(for: configuration, role: .producer, logger: QueueTestSupport.silentLogger)
        } throws: { error in
            (error as? WorkQueueError)?.kind == .configuration
        }
    }

    @Test func brokerSelection() throws {
        func queue(_ text: String) throws -> any WorkQueue {
            let configuration = try ServerConfiguration(parsing: Array(text.utf8), path: "/etc/das2server.conf")
            return try WorkQueueFactory.make(for: configuration, role: .worker, logger: QueueTestSupport.silentLogger)
        }
        #expect(try queue("CACHE_ROOT = /srv/cache\n") is SpoolQueue)
        #expect(try (queue("CACHE_ROOT = /srv/cache\n") as? SpoolQueue)?.directory == "/srv/cache/.queue")
        #expect(try queue("WORK_QUEUE_BROKER = ReDiS\nWORK_QUEUE_CONN = example.org:7000:3\n") is RedisQueue)
        #expect(try (queue("WORK_QUEUE_BROKER = redis\n") as? RedisQueue)?.endpoint == RedisEndpoint())
        #expect(throws: WorkQueueError.self) { try queue("CACHE_ROOT = /srv/cache\nWORK_QUEUE_BROKER = rabbitmq\n") }
        #expect(throws: WorkQueueError.self) { try queue("WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = a:b\n") }
    }

    @Test func anUncreatableDirectoryIsUnavailable() async throws {
        let spool = try Spool()
        defer { spool.remove() }
        #expect(FileManager.default.createFile(atPath: spool.root + "/file", contents: Data()))
        let queue = SpoolQueue(directory: spool.root + "/file/.queue")
        await #expect {
            try await queue.connect()
        } throws: { error in
            (error as? WorkQueueError)?.kind == .unavailable
        }
    }
}
