import Das2Cache
import Das2Core
import Das2TestSupport
import Foundation
import Logging
import Testing

/// §7.5.3 and §8.1.4: a cache level that lacks blocks leaves the answer to the reader and queues
/// one `TASK_CACHE` per missing block, once; HEAD and answers from the cache queue nothing. The
/// case has its own fixture and Redis server, since queue contents are its result.
extension HAPIConformanceTests {
    @Test func missingBlocksAreQueuedOnce() async throws {
        let redis = try await RedisServer.start()
        defer { redis.stop() }
        let fixture = try ServerFixture(ServerFixture.Options(
            hapiStreams: HAPIMaterial.directory, extraConfiguration: ["WORK_QUEUE_CONN = \(redis.connection(database: 15))"]
        ))
        defer { fixture.remove() }
        let server = try await HAPIServer.start(
            ["--config", fixture.configurationPath, "--mount", "/das/server", "--host", "127.0.0.1", "--port", "0"],
            fixture: fixture, mount: "/das/server"
        )
        do {
            try await Self.checkQueueing(CaseRun(server: server))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    private static func checkQueueing(_ run: CaseRun) async throws {
        let reduced = Path.data("Hapi/Mag:x_bin-600s", "2017-01-01T00:00Z", "2017-01-01T01:00Z")
        let head = try await run.get(reduced, method: "HEAD")
        #expect(head.status == 200)
        #expect(try await todo(run.fixture).isEmpty, "HEAD queues nothing")

        for _ in 0..<2 {
            let response = try await run.get(reduced)
            #expect(response.text == (try HAPIMaterial.text("expected_mag_bin600.csv")))
            #expect(response.header("ETag") == nil)
        }
        let tasks = try await todo(run.fixture)
        #expect(tasks.map { Array($0[6...9]) } == [["TASK_CACHE", "Hapi/Mag", "2017-01-01", "2017-01-02"]], "das2_todo holds \(tasks)")
        #expect(tasks.first?[1] == "localhost/das/server")

        // The intrinsic dataset has no intrinsic level: nothing more to build.
        let intrinsic = try await run.get(Path.h22)
        #expect(intrinsic.status == 200)
        #expect(try await todo(run.fixture).count == 1)
        try run.finish()
    }

    /// The tasks waiting in `das2_todo`, newest first, split into their fields.
    private static func todo(_ fixture: ServerFixture) async throws -> [[String]] {
        let bytes = try #require(FileManager.default.contents(atPath: fixture.configurationPath))
        let configuration = try ServerConfiguration(parsing: Array(bytes), path: fixture.configurationPath)
        let queue = try WorkQueueFactory.make(for: configuration, role: .producer, logger: Logger(label: "test"))
        let entries = try await queue.entries(of: .todo)
        await queue.close()
        return entries.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
}
