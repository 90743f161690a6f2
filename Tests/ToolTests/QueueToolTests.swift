#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Das2TestSupport
import Foundation
import Logging
import Subprocess
import Testing

/// `das2_srv_todo` and `das2_srv_arbiter` run as an operator runs them, against the server
/// conformance fixture (conformance-cases.md §0, §11) with a private `redis-server` or the
/// spool queue.
@Suite("Queue tools")
struct QueueToolTests {
    /// The fixture plus `etc/queue.conf`: §0.2 with `WORK_QUEUE_CONN` pointing at the test's
    /// Redis server (database 15), or without the `WORK_QUEUE_*` keys for the spool queue.
    struct Site {
        let fixture: ServerFixture
        let redis: RedisServer?
        var root: String { fixture.root }
        var configuration: String { root + "/etc/queue.conf" }
        var probeLog: ProbeLog { fixture.probeLog("queue") }

        /// Run with `sh`, not executed: a file this process just wrote can be held open for
        /// writing by a child another test forks meanwhile, and executing it would then fail
        /// with ETXTBSY.
        static let slowReader = """
            echo $$ > "$PROBE_LOG.slow_rdr.pid"
            printf '[00]000066<stream version="2.2"><properties String:title="probe"/></stream>\\n'
            [ -e "$PROBE_LOG.fast" ] && exit 0
            exec sleep 30

            """

        init(redis: RedisServer?, extraConfiguration: String = "") throws {
            fixture = try ServerFixture(
                ServerFixture.Options(extraFiles: [
                    "datasets/Examples/Slow.dsdf": """
                        description = 'A reader that never finishes'
                        reader = 'sh <F>/bin/slow_rdr.sh'
                        das2Stream = 1
                        cacheLevel_00 = 'intrinsic | daily'

                        """,
                    "bin/slow_rdr.sh": Self.slowReader,
                ]))
            self.redis = redis
            var lines = fixture.configurationText.split(separator: "\n").map(String.init)
            lines.removeAll { $0.hasPrefix("WORK_QUEUE_") }
            if let redis {
                lines += ["WORK_QUEUE_BROKER = redis", "WORK_QUEUE_CONN = \(redis.connection(database: 15))"]
            }
            let text = (lines + [extraConfiguration]).joined(separator: "\n") + "\n"
            try text.write(toFile: configuration, atomically: true, encoding: .utf8)
        }

        /// The queue the tools use, for inspection and for pushing raw task strings.
        var queue: any WorkQueue {
            if let redis {
                return RedisQueue(
                    endpoint: RedisEndpoint(host: "127.0.0.1", port: redis.port, database: 15), connectTimeout: 2,
                    processID: 1, logger: .init(label: "test"))
            }
            return SpoolQueue(directory: root + "/cache/.queue", processID: 1)
        }

        /// Runs `das2_srv_todo -c <queue.conf> <arguments>`.
        func todo(_ arguments: String, configurationOption: String? = nil) async throws -> ToolResult {
            let option = configurationOption ?? "-c '\(configuration)'"
            return try await ToolRunner.run("'\(QueueToolTests.tool("das2_srv_todo"))' \(option) \(arguments)")
        }

        func remove() {
            fixture.remove()
        }
    }

    /// What an arbiter run produced.
    struct ArbiterRun {
        var status: Int32?
        var log: String
        var reached: Bool
        /// From SIGTERM to the end of the process.
        var stopDuration: Duration
    }

    static func tool(_ name: String) -> String {
        ServerProcess.productsDirectory + "/" + name
    }

    /// Runs `das2_srv_arbiter -c <queue.conf>` until `condition` holds (or 30 s passed), then
    /// sends SIGTERM and waits for it to end.
    static func runArbiter(
        _ site: Site, arguments: [String] = [], until condition: @escaping @Sendable (Int32) async throws -> Bool
    ) async throws -> ArbiterRun {
        let result = try await Subprocess.run(
            .name("das2_srv_arbiter"),
            arguments: Arguments(["-c", site.configuration] + arguments),
            environment: .inherit.updating(["PATH": ServerProcess.searchPath, "PROBE_LOG": site.probeLog.path]),
            input: .none,
            output: .discarded,
            error: .string(limit: 4 << 20)
        ) { execution -> (Bool, ContinuousClock.Instant) in
            let processID = execution.processIdentifier.value
            let deadline = ContinuousClock.now + .seconds(30)
            var reached = false
            while ContinuousClock.now < deadline {
                if try await condition(processID) {
                    reached = true
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(processID, SIGTERM)
            return (reached, ContinuousClock.now)
        }
        let status: Int32?
        if case .exited(let code) = result.terminationStatus { status = code } else { status = nil }
        let (reached, stoppedAt) = result.closureResult
        return ArbiterRun(status: status, log: result.standardError, reached: reached, stopDuration: ContinuousClock.now - stoppedAt)
    }

    static let c118Task =
        "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Spectra|1979-03-01T11:30|1979-03-01T13:10|ALL"

    // MARK: das2_srv_todo

    @Test(
        "C115: das2_srv_todo cache queues one 11-field task",
        .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c115() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        let result = try await site.todo("cache Examples/Spectra 1979-03-01 1979-03-02 10")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("Adding task '"))
        let entries = try await site.queue.entries(of: .todo)
        try #require(entries.count == 1)
        let fields = TaskString(entries[0]).fields
        #expect(fields.count == 11)
        #expect(fields[1] == "das2_srv_todo")
        #expect(fields[2] == SystemIdentity.hostName)
        #expect(fields[3].isEmpty && fields[4].isEmpty)
        #expect(fields[5] == SystemIdentity.realName)
        #expect(Array(fields[6...]) == ["TASK_CACHE", "Examples/Spectra", "1979-03-01", "1979-03-02", "10"])
        #expect(fields[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}/) != nil)
        #expect(result.error.contains("Adding task '\(entries[0])'"))
    }

    @Test("C115 with the spool queue")
    func c115Spool() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let result = try await site.todo("cache Examples/Spectra 1979-03-01 1979-03-02 ALL")
        #expect(result.status == 0, "\(result.error)")
        let entries = try await site.queue.entries(of: .todo)
        try #require(entries.count == 1)
        #expect(Array(TaskString(entries[0]).fields[6...]) == ["TASK_CACHE", "Examples/Spectra", "1979-03-01", "1979-03-02", "ALL"])
    }

    @Test("C116: a wrong argument count exits 13 before the queue is contacted")
    func c116() async throws {
        let site = try Site(redis: nil, extraConfiguration: "WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = 127.0.0.1:\(try RedisServer.freePort())")
        defer { site.remove() }
        let result = try await site.todo("cache Examples/Spectra 1979-03-01")
        #expect(result.status == 13)
        #expect(result.error.contains("ERROR: Expected 4 arguments for CACHE jobs"))
        #expect(!FileManager.default.fileExists(atPath: site.root + "/cache/.queue"))
    }

    @Test("C117: listing an empty das2_todo", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c117() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        let result = try await site.todo("-t")
        #expect(result.status == 0)
        #expect(result.errorLines.contains("das2_todo list contains no tasks"))
        #expect(result.output.isEmpty)
        let all = try await site.todo("-w -d")
        #expect(all.status == 0)
        #expect(all.errorLines.contains("das2_working_* list contains no tasks"))
        #expect(all.errorLines.contains("das2_finished list contains no tasks"))
    }

    @Test("-t, -w and -d print tables of the lists")
    func listings() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let queue = site.queue
        let all = TaskString(Self.c118Task)
        let one = TaskString(Self.c118Task.replacing("|ALL", with: "|10"))
        let usage = TaskString(
            "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_USAGE|Examples/Random|2017-01-01|2017-01-02|||")
        try await queue.enqueue(all)
        let running = try #require(try await queue.claim())
        try await queue.update(running, to: all.inProcess(beginTime: "2019-08-24T02:09:28.001", status: "Writing: x", progress: "0.25"))
        try await queue.enqueue(usage)
        let done = try #require(try await queue.claim())
        try await queue.finish(
            done, as: usage.finished(beginTime: "2019-08-24T02:09:28.001", status: "no", endTime: "2019-08-24T02:09:29.002", returnCode: 13))
        try await queue.enqueue(one)

        let todo = try await site.todo("--list-todo")
        #expect(todo.status == 0)
        #expect(String(decoding: todo.output, as: UTF8.self) == """
            Submitted On            Entered By           Job Type Param 1          Param 2          Param 3          Param 4
            ----------------------- -------------------- -------- ---------------- ---------------- ---------------- -------
            2019-08-24T02:09:27.690 localhost/das/server cache    Examples/Spectra 1979-03-01T11:30 1979-03-01T13:10 10

            """)

        let working = try await site.todo("-w")
        #expect(String(decoding: working.output, as: UTF8.self) == """
            Submitted On            Entered By           Job Type Started On              Progress Param 1          Param 2          Param 3          Param 4
            ----------------------- -------------------- -------- ----------------------- -------- ---------------- ---------------- ---------------- -------
            2019-08-24T02:09:27.690 localhost/das/server cache    2019-08-24T02:09:28.001 0.25     Examples/Spectra 1979-03-01T11:30 1979-03-01T13:10 ALL

            """)

        let finished = try await site.todo("-d")
        #expect(String(decoding: finished.output, as: UTF8.self) == """
            Status Submitted On            Entered By           Job Type Finished On             Param 1         Param 2    Param 3    Param 4 Param 5 Param 6
            ------ ----------------------- -------------------- -------- ----------------------- --------------- ---------- ---------- ------- ------- -------
            ERROR  2019-08-24T02:09:27.690 localhost/das/server usage    2019-08-24T02:09:29.002 Examples/Random 2017-01-01 2017-01-02

            """)
    }

    @Test("help, task help and argument errors")
    func helpAndErrors() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let none = try await site.todo("")
        #expect(none.status == 0)
        #expect(String(decoding: none.output, as: UTF8.self) == "Type 'das2_srv_todo help' for usage.\n")

        let help = try await site.todo("help")
        #expect(help.status == 0)
        let helpText = String(decoding: help.output, as: UTF8.self)
        for part in ["DESCRIPTION:", "OPTIONS:", "--list-todo", "TASKS:", "'cache' - generate pre-reduced dataset cache blocks"] {
            #expect(helpText.contains(part))
        }
        #expect(try await site.todo("-h").output == help.output)

        let cache = try await site.todo("help cache")
        #expect(cache.status == 0)
        let cacheText = String(decoding: cache.output, as: UTF8.self)
        for part in ["dataset", "begin", "end", "level", "das2_srv_todo cache juno/fgm/MagComponetsSCSE 2014-01-01 2014-01-05 2"] {
            #expect(cacheText.contains(part))
        }

        let unknownHelp = try await site.todo("help usage")
        #expect(unknownHelp.status == 13)
        #expect(unknownHelp.error.hasPrefix("ERROR: Task type 'usage' is unknown."))

        let unknownTask = try await site.todo("usage a b c")
        #expect(unknownTask.status == 13)
        #expect(unknownTask.error.contains("'usage' is unknown"))

        let badBegin = try await site.todo("cache Examples/Spectra notatime 1979-03-02 10")
        #expect(badBegin.status == 13)
        #expect(badBegin.error.contains("ERROR: in 'begin' argument"))

        let badLevel = try await site.todo("cache Examples/Spectra 1979-03-01 1979-03-02 fine")
        #expect(badLevel.status == 13)

        let badOption = try await site.todo("-x")
        #expect(badOption.status == 13)
        #expect(badOption.error.contains("no such option: -x"))

        #expect(try await site.queue.entries(of: .todo).isEmpty)

        let badEnd = try await site.todo("cache Examples/Spectra 1979-03-01 notatime 10")
        #expect(badEnd.status == 0)
        #expect(badEnd.error.contains("in 'end' argument"))
        #expect(try await site.queue.entries(of: .todo).count == 1)
    }

    @Test("configuration: -c, --config=, DAS2_SERVER_CONF; missing 17; broker down 21")
    func configuration() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        #expect(try await site.todo("-t", configurationOption: "--config='\(site.configuration)'").status == 0)
        #expect(try await site.todo("-t", configurationOption: "-c'\(site.configuration)'").status == 0)
        let environment = try await ToolRunner.run("DAS2_SERVER_CONF='\(site.configuration)' '\(Self.tool("das2_srv_todo"))' -t")
        #expect(environment.status == 0)
        #expect(environment.error.contains("Server definition: \(site.configuration)"))

        let missing = try await site.todo("-t", configurationOption: "-c '\(site.root)/etc/nope.conf'")
        #expect(missing.status == 17)
        #expect(missing.error.contains("\(site.root)/etc/nope.conf is missing"))

        let port = try RedisServer.freePort()
        let down = try Site(redis: nil, extraConfiguration: "WORK_QUEUE_BROKER = redis\nWORK_QUEUE_CONN = 127.0.0.1:\(port):15")
        defer { down.remove() }
        let refused = try await down.todo("cache Examples/Spectra 1979-03-01 1979-03-02 10")
        #expect(refused.status == 21)
        #expect(refused.error.contains("Job broker not available at 127.0.0.1:\(port), db=15"))

        let unsupported = try Site(redis: nil, extraConfiguration: "WORK_QUEUE_BROKER = rabbitmq")
        defer { unsupported.remove() }
        #expect(try await unsupported.todo("-t").status == 21)
    }

    // MARK: das2_srv_arbiter

    @Test(
        "C121/C122: a malformed task is dropped, an unimplemented category finishes with 13",
        .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c121c122() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        try await unimplementedAndMalformed(site)
    }

    @Test("C121/C122 with the spool queue")
    func c121c122Spool() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        try await unimplementedAndMalformed(site)
    }

    private func unimplementedAndMalformed(_ site: Site) async throws {
        let queue = site.queue
        let usage = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_USAGE|Examples/Random|2017-01-01|2017-01-02|||"
        let list = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_LIST"
        let tooShort = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Spectra|1979-03-01|1979-03-02"
        for text in ["x|y", "a|b|c|d|e|f|TASK_NOPE|1", usage, list, tooShort] {
            try await queue.enqueue(TaskString(text))
        }
        let run = try await Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count == 3 }
        #expect(run.reached, "\(run.log)")
        #expect(run.status == 0)
        #expect(run.log.contains("das2_srv_arbiter normal shut down"))
        #expect(try await queue.entries(of: .todo).isEmpty)
        #expect(try await queue.entries(of: .working).isEmpty)
        let finished = try await queue.entries(of: .finished).map { TaskString($0) }
        try #require(finished.count == 3)
        #expect(finished.map(\.queuedTask.text) == [tooShort, list, usage])
        let usageDone = finished[2].fields
        #expect(usageDone.count == 17)
        #expect(usageDone[14] == "Updating usage statistics is not yet implemented")
        #expect(usageDone[16] == "13")
        #expect(TaskTime.isTimeStamp(usageDone[13]) && TaskTime.isTimeStamp(usageDone[15]))
        #expect(finished[1].fields[8] == "Updating a cached list of dataset files is not yet implemented")
        #expect(finished[0].fields.last == "13")
        #expect(finished[0].fields[11] == "Expected 11 fields for caching tasks, entry has 10")
    }

    @Test("C118: an ALL-levels cache task builds 4 blocks", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c118() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        let queue = site.queue
        try await queue.enqueue(TaskString(Self.c118Task))
        let run = try await Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count == 1 }
        #expect(run.reached && run.status == 0, "\(run.log)")

        // Reader and reducer of one block run side by side, so only each program's order is fixed.
        let entries = site.probeLog.entries()
        #expect(entries.filter { $0.name == "probe_rdr" }.map(\.arguments) == [
            ["--spec", "1979-03-01T11:00", "1979-03-01T12:00"], ["--spec", "1979-03-01T12:00", "1979-03-01T13:00"],
            ["--spec", "1979-03-01T13:00", "1979-03-01T14:00"], ["--spec", "1979-03-01", "1979-03-02"],
        ])
        #expect(entries.filter { $0.name == "probe_red" }.map(\.arguments) == [
            ["-b", "1979-03-01T11:00", "0.250000"], ["-b", "1979-03-01T12:00", "0.250000"],
            ["-b", "1979-03-01T13:00", "0.250000"], ["-b", "1979-03-01", "1.000000"],
        ])
        let data = site.root + "/cache/data/Examples/Spectra/_noparam"
        for file in [
            "bin-250ms/1979/03/01/1979-03-01T11_bin-250ms.d2s", "bin-250ms/1979/03/01/1979-03-01T12_bin-250ms.d2s",
            "bin-250ms/1979/03/01/1979-03-01T13_bin-250ms.d2s", "bin-1s/1979/03/1979-03-01_bin-1s.d2s",
        ] {
            #expect(FileManager.default.contents(atPath: data + "/" + file).map(Array.init) == ServerFixture.probeStream, "\(file)")
        }
        #expect(Self.temporaryFiles(below: site.root + "/cache/data").isEmpty)
        let finished = try await queue.entries(of: .finished)
        try #require(finished.count == 1)
        let fields = TaskString(finished[0]).fields
        #expect(finished[0].hasPrefix(Self.c118Task + "|"))
        #expect(fields.count == 15)
        #expect(fields[12] == "Successfully processed 4 of 4 cache blocks")
        #expect(fields[14] == "0")
        #expect(try await queue.entries(of: .working).isEmpty)
    }

    @Test("C119: a single-level task builds one block", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c119() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        let queue = site.queue
        try await queue.enqueue(TaskString(Self.c118Task.replacing("|ALL", with: "|10")))
        let run = try await Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count == 1 }
        #expect(run.reached && run.status == 0, "\(run.log)")
        #expect(FileManager.default.fileExists(atPath: site.root + "/cache/data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s"))
        #expect(!FileManager.default.fileExists(atPath: site.root + "/cache/data/Examples/Spectra/_noparam/bin-250ms"))
        let fields = TaskString(try await queue.entries(of: .finished)[0]).fields
        #expect(fields[12] == "Successfully processed 1 of 1 cache blocks")
        #expect(fields[14] == "0")
    }

    @Test("C120: a source without cache levels finishes with 13", .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func c120() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        let queue = site.queue
        try await queue.enqueue(TaskString(
            "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Random|2017-01-01|2017-01-02|ALL"))
        let run = try await Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count == 1 }
        #expect(run.reached && run.status == 0, "\(run.log)")
        let fields = TaskString(try await queue.entries(of: .finished)[0]).fields
        #expect(fields[12] == "Dataset Examples/Random does not define any cache levels")
        #expect(fields[14] == "13")
        #expect(!site.probeLog.ran("probe_rdr"))
    }

    @Test(
        "SIGTERM during a build: the reader is stopped, no partial block is left, the task waits in das2_todo again (DC-10)",
        .enabled(if: RedisServer.isInstalled, "redis-server is not installed"))
    func sigtermDuringBuild() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let site = try Site(redis: redis)
        defer { site.remove() }
        try await interruptedBuild(site)
    }

    @Test("SIGTERM during a build with the spool queue")
    func sigtermDuringBuildSpool() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        try await interruptedBuild(site)
    }

    private func interruptedBuild(_ site: Site) async throws {
        let queue = site.queue
        let task = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Slow|2017-01-01|2017-01-02|ALL"
        try await queue.enqueue(TaskString(task))
        let pidFile = site.probeLog.path + ".slow_rdr.pid"
        let run = try await Self.runArbiter(site) { _ in
            guard FileManager.default.fileExists(atPath: pidFile) else { return false }
            return try await !queue.entries(of: .working).isEmpty
        }
        #expect(run.reached, "\(run.log)")
        #expect(run.status == 0, "\(run.log)")
        #expect(run.stopDuration < .seconds(5))
        #expect(run.log.contains("das2_srv_arbiter normal shut down"))
        let readerID = Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
        let reader = try #require(readerID)
        #expect(try await Self.hasEnded(reader), "the reader still runs")
        #expect(try await queue.entries(of: .todo) == [task])
        #expect(try await queue.entries(of: .working).isEmpty)
        #expect(try await queue.entries(of: .finished).isEmpty)
        let data = site.root + "/cache/data/Examples/Slow"
        #expect(Self.temporaryFiles(below: data).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: data + "/_noparam/intrinsic/2017/01/2017-01-01_intrinsic.d2s"))
    }

    @Test("two arbiters share a spool queue: every task is done exactly once")
    func twoArbiters() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let queue = site.queue
        let count = 30
        for number in 0..<count {
            try await queue.enqueue(TaskString(
                "2019-08-24T02:09:27.690|das2_srv_todo|h|||u|TASK_COVERAGE|Examples/Random|2017-01-\(10 + number % 18)|\(number)"))
        }
        async let first = Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count >= count }
        async let second = Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count >= count }
        let runs = try await [first, second]
        #expect(runs.allSatisfy { $0.reached && $0.status == 0 })
        let finished = try await queue.entries(of: .finished).map { TaskString($0) }
        #expect(finished.count == count)
        #expect(Set(finished.map { $0.queuedTask.fields[9] }) == Set((0..<count).map(String.init)))
        #expect(finished.allSatisfy { $0.fields[11] == "Updating Coverage Plots is not yet implemented" })
        #expect(runs.allSatisfy { $0.log.contains("Starting Task") })
    }

    @Test("a worker killed mid-block leaves no block; the next one removes its temporary file and builds it")
    func killedArbiter() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let queue = site.queue
        let task = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|TASK_CACHE|Examples/Slow|2017-01-01|2017-01-02|ALL"
        try await queue.enqueue(TaskString(task))
        let pidFile = site.probeLog.path + ".slow_rdr.pid"
        let first = try await Self.runArbiter(site) { processID in
            guard FileManager.default.fileExists(atPath: pidFile) else { return false }
            kill(processID, SIGKILL)
            if let reader = Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(reader, SIGKILL)
            }
            return true
        }
        #expect(first.reached, "\(first.log)")
        #expect(try await queue.entries(of: .working).count == 1)
        let data = site.root + "/cache/data/Examples/Slow"
        let block = data + "/_noparam/intrinsic/2017/01/2017-01-01_intrinsic.d2s"
        #expect(!Self.temporaryFiles(below: data).isEmpty, "the killed worker left its temporary file")
        #expect(!FileManager.default.fileExists(atPath: block))

        #expect(FileManager.default.createFile(atPath: site.probeLog.path + ".fast", contents: nil))
        let second = try await Self.runArbiter(site) { _ in try await queue.entries(of: .finished).count == 1 }
        #expect(second.reached, "\(second.log)")
        #expect(second.log.contains("Returned an abandoned task to das2_todo: '\(task)'"))
        #expect(try await queue.entries(of: .todo).isEmpty)
        #expect(try await queue.entries(of: .finished).map { TaskString($0).fields[12] } == ["Successfully processed 1 of 1 cache blocks"])
        #expect(try String(contentsOfFile: block, encoding: .utf8).hasPrefix("[00]000066<stream version=\"2.2\">"))
        #expect(Self.temporaryFiles(below: data).isEmpty)
    }

    @Test("the bundled site: blocks a request queued are built by das2_srv_arbiter without das2-server on PATH, then served")
    func bundledSiteBlocks() async throws {
        let state = NSTemporaryDirectory() + "das2kit-bundled-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: state) }
        let site = state + "/das2kit/examples"
        let block = site + "/cache/data/Examples/Spectrogram/_noparam/bin-60s/2017/01/2017-01-01_bin-60s.d2s"
        let query = "?server=dataset&dataset=Examples/Spectrogram&start_time=2017-01-01T06:00&end_time=2017-01-01T07:00&resolution=60"
        let environment: [String: String?] = ["XDG_STATE_HOME": state, "DAS2_SERVER_CONF": nil]
        let fromReader = try await ServerProcess.run(["--host", "127.0.0.1", "--port", "0"], environment: environment) {
            try $0.client.request("/" + query)
        }.value
        #expect(fromReader.status == 200)

        let queue = SpoolQueue(directory: site + "/cache/.queue", processID: 1)
        #expect(try await queue.entries(of: .todo).map { Array(TaskString($0).fields[6...]) } == [
            ["TASK_CACHE", "Examples/Spectrogram", "2017-01-01", "2017-01-02", "1"]
        ])
        let log = try await Self.runBundledArbiter(site: site, until: 1, in: queue)
        #expect(try await queue.entries(of: .finished).map { TaskString($0).fields[12] } == [
            "Successfully processed 1 of 1 cache blocks"
        ], "\(log)")
        #expect(FileManager.default.fileExists(atPath: block), "\(log)")

        let fromCache = try await ServerProcess.run(["--host", "127.0.0.1", "--port", "0"], environment: environment) {
            try $0.client.request("/" + query)
        }.value
        #expect(fromCache.status == 200)
        let text = String(decoding: fromCache.body, as: UTF8.self)
        #expect(text.contains("xCacheRange="), "answered by the cache reader")
        let records = { (body: [UInt8]) async throws in
            String(decoding: try await ToolRunner.run("das2_ascii", input: body).output, as: UTF8.self)
                .split(separator: "\n").filter { $0.hasPrefix(":") }
        }
        let cached = try await records(fromCache.body)
        #expect(cached.count == 60)
        #expect(cached == (try await records(fromReader.body)), "the same 60 averages either way")
    }

    @Test("HAPI_INFO_CACHE: the arbiter probes the dataset and stores its metadata (hapi.md §7.8)")
    func hapiInfoTask() async throws {
        let state = NSTemporaryDirectory() + "das2kit-hapi-info-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: state) }
        let site = state + "/das2kit/examples"
        // Starting das2-server without a configuration installs the bundled site.
        _ = try await ServerProcess.run(
            ["--host", "127.0.0.1", "--port", "0"], environment: ["XDG_STATE_HOME": state, "DAS2_SERVER_CONF": nil]
        ) { _ in }
        let queue = SpoolQueue(directory: site + "/cache/.queue", processID: 1)
        let prefix = "2019-08-24T02:09:27.690|localhost/das/server||127.0.0.1||apache|HAPI_INFO_CACHE|"
        for dataset in ["Examples/Random", "Examples/Nothing"] {
            try await queue.enqueue(TaskString(prefix + dataset + "|"))
        }
        let log = try await Self.runBundledArbiter(site: site, until: 2, in: queue)
        let finished = try await queue.entries(of: .finished).map { TaskString($0).fields }
        // A finished task ends with its begin time, status, end time and return code.
        #expect(finished.map { [$0[$0.count - 3], $0[$0.count - 1]] } == [
            ["HAPI info of Examples/Nothing not cached: Bad request - unknown dataset id", "13"],
            ["HAPI info of Examples/Random cached", "0"],
        ], "\(log)")
        let stored = FileManager.default.enumerator(atPath: site + "/cache/hapi")?.allObjects.compactMap { $0 as? String } ?? []
        #expect(!stored.isEmpty, "a metadata file below CACHE_ROOT/hapi")
    }

    /// Runs `das2_srv_arbiter` on the bundled site installed at `site` until `queue` has
    /// `count` finished tasks (or 30 s passed), with a PATH that lacks das2-server: the site's
    /// `BIN_PATH` must lead the arbiter to the example readers. Returns the arbiter's log.
    static func runBundledArbiter(site: String, until count: Int, in queue: SpoolQueue) async throws -> String {
        let result = try await Subprocess.run(
            // env execs the arbiter in its own process.
            .name("env"),
            arguments: ["-i", "PATH=/usr/bin:/bin", "HOME=" + site, tool("das2_srv_arbiter"), "-c", site + "/etc/das2server.conf"],
            input: .none,
            output: .discarded,
            error: .string(limit: 1 << 20)
        ) { execution in
            for _ in 0..<600 where try await queue.entries(of: .finished).count < count {
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(execution.processIdentifier.value, SIGTERM)
        }
        return result.standardError
    }

    @Test("configuration errors exit 17")
    func arbiterConfiguration() async throws {
        let site = try Site(redis: nil, extraConfiguration: "WORK_QUEUE_BROKER = rabbitmq")
        defer { site.remove() }
        let unsupported = try await ToolRunner.run("'\(Self.tool("das2_srv_arbiter"))' -c '\(site.configuration)'")
        #expect(unsupported.status == 17)
        #expect(unsupported.error.contains("WORK_QUEUE_BROKER = rabbitmq is not supported"))
        let missing = try await ToolRunner.run("'\(Self.tool("das2_srv_arbiter"))' --config='\(site.root)/nope.conf'")
        #expect(missing.status == 17)
        #expect(missing.error.contains("\(site.root)/nope.conf is missing"))
    }

    @Test("daemon mode: PID file, log file in LOG_PATH, SIGTERM removes the PID file")
    func daemon() async throws {
        let site = try Site(redis: nil)
        defer { site.remove() }
        let pidFile = site.root + "/run/sub/arbiter.pid"
        let start = try await ToolRunner.run(
            "PROBE_LOG='\(site.probeLog.path)' '\(Self.tool("das2_srv_arbiter"))' -c '\(site.configuration)' -D '\(pidFile)'")
        #expect(start.status == 0, "\(start.error)")
        // The parent exits before its grandchild, the daemon, writes the PID file.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: pidFile), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(50))
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let processID = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(text.hasSuffix("\n"))

        let again = try await ToolRunner.run("'\(Self.tool("das2_srv_arbiter"))' -c '\(site.configuration)' -D '\(pidFile)'")
        #expect(again.status == 13)
        #expect(again.error.contains("PID file \(pidFile) already exists"))

        let queue = site.queue
        try await queue.enqueue(TaskString("2019-08-24T02:09:27.690|das2_srv_todo|h|||u|TASK_LIST"))
        while try await queue.entries(of: .finished).isEmpty, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await queue.entries(of: .finished).count == 1)
        kill(processID, SIGTERM)
        while kill(processID, 0) == 0, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(kill(processID, 0) != 0)
        #expect(!FileManager.default.fileExists(atPath: pidFile))
        let slot = (Int(Date().timeIntervalSince1970) / 86400) % 3
        let log = try String(contentsOfFile: site.fixture.logDirectory + "/das2.arbiter_\(SystemIdentity.hostName)_\(slot).log", encoding: .utf8)
        #expect(log.contains("das2_srv_arbiter started, PID written to \(pidFile)"))
        #expect(log.contains("Task type 'task_list' finished at"))
        #expect(log.contains("das2_srv_arbiter normal shut down"))
        #expect(log.split(separator: "\n").allSatisfy { $0.wholeMatch(of: /\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \d+ +\d+\] .*/) != nil })
    }

    /// Whether a process ends within 3 s (its parent may have killed it just before exiting,
    /// so it can take a moment to be gone).
    static func hasEnded(_ processID: Int32) async throws -> Bool {
        for _ in 0..<150 {
            if kill(processID, 0) != 0 { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Files ending in `.tmp…` below a directory.
    static func temporaryFiles(below directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.contains(".tmp") { found.append(path) }
        }
        return found
    }
}
