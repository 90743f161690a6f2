import Das2Cache
import Das2Core
import Das2TestSupport
import Foundation
import Logging
import Testing

/// conformance-cases.md §8 (C87-C91) and the [Q] part of C30: cache hits, misses that queue the
/// missing blocks in a real Redis, duplicate suppression and a queue that is down, through both
/// front ends. Each test has its own fixture and Redis server, since cache files and queue
/// contents change the answers.
@Suite("Cache and queue cases", .serialized)
struct CacheCaseTests {
    static let spectra = "server=dataset&dataset=Examples/Spectra&start_time=1979-03-01T12:27&end_time=1979-03-01T12:28"
    static let blockC87 = "cache/data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s"

    /// One fixture with its Redis server and, for the standalone front end, its das2-server.
    final class Site: Sendable {
        let fixture: ServerFixture
        let redis: RedisServer
        let frontEnd: FrontEnd
        let server: StandaloneServer?

        /// - Parameter edit: Changes `das2server.conf` before the server starts.
        init(_ frontEnd: FrontEnd, edit: (String) -> String = { $0 }) async throws {
            fixture = try ServerFixture()
            redis = try await RedisServer.start()
            self.frontEnd = frontEnd
            let configuration = edit(try String(contentsOfFile: fixture.configurationPath, encoding: .utf8))
                .replacingOccurrences(of: "WORK_QUEUE_CONN = localhost:6379:15", with: "WORK_QUEUE_CONN = localhost:\(redis.port):15")
            try configuration.write(toFile: fixture.configurationPath, atomically: true, encoding: .utf8)
            server = frontEnd == .standalone ? try await StandaloneServer.start(on: fixture) : nil
        }

        /// Runs `body` on a new site and closes the site afterwards, also when `body` throws.
        static func with(
            _ frontEnd: FrontEnd, edit: (String) -> String = { $0 }, _ body: (Site) async throws -> Void
        ) async throws {
            let site = try await Site(frontEnd, edit: edit)
            do {
                try await body(site)
            } catch {
                await site.close()
                throw error
            }
            await site.close()
        }

        func close() async {
            await server?.shutdown()
            redis.stop()
            fixture.remove()
        }

        /// Sends a query as an untrusted das2 client; returns the answer and the probe log.
        func send(_ query: String) async throws -> (status: Int, body: [UInt8], probes: ProbeLog) {
            if let server {
                server.probeLog.clear()
                let client = server.client
                let response = try await onOwnThread {
                    try client.request("/das/server?" + query, headers: [("Host", "localhost")])
                }
                return (response.status, response.body, server.probeLog)
            }
            let log = fixture.probeLog(UUID().uuidString)
            let result = try await CGIProcess.run([
                "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SCRIPT_NAME": "/das/server",
                "REMOTE_ADDR": "10.0.0.5", "QUERY_STRING": query, "PROBE_LOG": log.path,
                "DAS2_SERVER_CONF": fixture.configurationPath,
            ])
            return (result.status, result.body, log)
        }

        /// The tasks waiting in `das2_todo`, newest first.
        func todo() async throws -> [[String]] {
            let bytes = try #require(FileManager.default.contents(atPath: fixture.configurationPath))
            let configuration = try ServerConfiguration(parsing: Array(bytes), path: fixture.configurationPath)
            let queue = try WorkQueueFactory.make(for: configuration, role: .producer, logger: Logger(label: "test"))
            let entries = try await queue.entries(of: .todo)
            await queue.close()
            return entries.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        }

        /// The client address the server records in tasks.
        var clientAddress: String { frontEnd == .cgi ? "10.0.0.5" : "127.0.0.1" }

        func createBlock(_ relative: String) throws {
            let path = fixture.root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
            )
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        }
    }

    @Test("C30, C90: a cache miss queues its block once, whatever the number of requests", arguments: FrontEnd.allCases)
    func missQueuesBlockOnce(_ frontEnd: FrontEnd) async throws {
        try await Site.with(frontEnd) { site in
            for _ in 0..<2 {
                let answer = try await site.send(Self.spectra + "&resolution=30")
                #expect(answer.status == 200 && answer.body == ServerFixture.probeStream, "\(frontEnd)")
                #expect(answer.probes.argv(of: "probe_red") == ["30"], "\(frontEnd)")
            }
            let todo = try await site.todo()
            #expect(todo.count == 1, "\(frontEnd): das2_todo holds \(todo)")
            let task = try #require(todo.first)
            #expect(task.count == 11)
            #expect(Array(task[1...10]) == [
                "localhost/das/server", "", site.clientAddress, "", task[5], "TASK_CACHE", "Examples/Spectra",
                "1979-03-01", "1979-03-02", "10",
            ], "\(frontEnd): \(task)")
            #expect(!task[5].isEmpty, "\(frontEnd): the task names the server's user")
            #expect(task[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}/) != nil)
        }
    }

    @Test("C87: a covered request is answered by the cache reader; the reader does not run", arguments: FrontEnd.allCases)
    func hitRunsCacheReader(_ frontEnd: FrontEnd) async throws {
        try await Site.with(frontEnd) { site in
            try site.createBlock(Self.blockC87)
            let answer = try await site.send(Self.spectra + "&resolution=60")
            #expect(answer.status == 200 && answer.body == ServerFixture.probeStream, "\(frontEnd)")
            #expect(answer.probes.argv(of: "probe_cache") == [
                site.fixture.root + "/datasets/Examples/Spectra.dsdf", site.fixture.root + "/cache/data/Examples/Spectra",
                "_noparam", "1979-03-01T12:27", "1979-03-01T12:28", "6.00000e+01",
            ], "\(frontEnd)")
            #expect(!answer.probes.ran("probe_rdr") && !answer.probes.ran("probe_red"), "\(frontEnd)")
            #expect(try await site.todo().isEmpty, "\(frontEnd): nothing is queued on a hit")
        }
    }

    @Test("C88: a finer level with a missing block runs the reader and queues that block", arguments: FrontEnd.allCases)
    func finerLevelMissQueuesBlock(_ frontEnd: FrontEnd) async throws {
        try await Site.with(frontEnd) { site in
            try site.createBlock(Self.blockC87)
            let answer = try await site.send(Self.spectra + "&resolution=0.5")
            #expect(answer.status == 200, "\(frontEnd)")
            #expect(answer.probes.argv(of: "probe_red") == ["0.5"], "\(frontEnd)")
            #expect(!answer.probes.ran("probe_cache"), "\(frontEnd)")
            let todo = try await site.todo()
            #expect(todo.map { Array($0[7...10]) } == [["Examples/Spectra", "1979-03-01T12:00", "1979-03-01T13:00", "0"]], "\(frontEnd)")
        }
    }

    @Test("C89: params matching no level are not cacheable: reader and reducer run, nothing is queued", arguments: FrontEnd.allCases)
    func unmatchedParamsAreNotCached(_ frontEnd: FrontEnd) async throws {
        try await Site.with(frontEnd) { site in
            try site.createBlock(Self.blockC87)
            let answer = try await site.send(Self.spectra + "&resolution=60&params=800")
            #expect(answer.status == 200, "\(frontEnd)")
            #expect(answer.probes.argv(of: "probe_rdr") == ["--spec", "1979-03-01T12:27", "1979-03-01T12:28", "800"], "\(frontEnd)")
            #expect(answer.probes.argv(of: "probe_red") == ["60"], "\(frontEnd)")
            #expect(try await site.todo().isEmpty, "\(frontEnd)")
        }
    }

    @Test("C91: with the queue down the answer is the same; the failure only reaches the log", arguments: FrontEnd.allCases)
    func queueDownChangesNothing(_ frontEnd: FrontEnd) async throws {
        try await Site.with(frontEnd) { site in
            site.redis.stop()
            let answer = try await site.send(Self.spectra + "&resolution=30")
            #expect(answer.status == 200 && answer.body == ServerFixture.probeStream, "\(frontEnd)")
            #expect(answer.probes.argv(of: "probe_red") == ["30"], "\(frontEnd)")
        }
    }

    @Test(
        "a cache tree in the original server's layout is served by the real cache reader, in-process or as a child",
        arguments: FrontEnd.allCases, [true, false])
    func originalTreeIsServed(_ frontEnd: FrontEnd, builtin: Bool) async throws {
        let cacheReader = ServerProcess.productsDirectory + "/das2_cache_rdr"
        try await Site.with(frontEnd, edit: { configuration in
            configuration.replacingOccurrences(of: "D2S_CACHE_RDR = \"probe_cache\"", with: "D2S_CACHE_RDR = \"\(cacheReader)\"")
                + (builtin ? "" : "BUILTIN_REDUCERS = false\n")
        }) { site in
            let tree = "/cache/data/Examples/Spectra"
            try FileManager.default.createDirectory(
                atPath: site.fixture.root + "/cache/data/Examples", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixtures.path("cache") + tree, toPath: site.fixture.root + tree)

            for resolution in ["0.5", "60"] {
                let answer = try await site.send(Self.spectra + "&resolution=\(resolution)")
                let expected = try await ToolRunner.run(
                    "'\(cacheReader)' '\(site.fixture.root)/datasets/Examples/Spectra.dsdf' '\(site.fixture.root)\(tree)' "
                        + "_noparam 1979-03-01T12:27 1979-03-01T12:28 \(resolution == "60" ? "6.00000e+01" : "5.00000e-01")")
                #expect(expected.status == 0 && expected.output.count > 200)
                #expect(answer.status == 200 && answer.body == expected.output, "\(frontEnd), resolution \(resolution)")
                #expect(!answer.probes.ran("probe_rdr") && !answer.probes.ran("probe_red"), "\(frontEnd)")
            }
            #expect(try await site.todo().isEmpty, "\(frontEnd): nothing is queued on a hit")
        }
    }
}
