import Das2TestSupport
import Foundation
import Subprocess
import Testing

/// The `das2-server` executable over real sockets: start-up line, request mapping
/// (server-protocol.md §1.4), streaming, HEAD, client hang-up and shutdown.
@Suite(.serialized)
struct StandaloneServerTests {
    private static let bigQuery = "/?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-01-02"

    @Test func printsTheURLWithTheActualPortWhenAskedForPortZero() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            let response = try server.client.request("/?server=id")
            return (server.url, server.port, response.status)
        }
        let (url, port, status) = outcome.value
        #expect(port > 0)
        #expect(url == "http://127.0.0.1:\(port)/")
        #expect(status == 200)
        #expect(outcome.exitStatus == 0)
    }

    @Test(arguments: ["/api/*", "/das/:name", "/{x}"])
    func refusesAMountPathARouterWouldReadAsAPattern(_ mount: String) async throws {
        let result = try await Subprocess.run(
            .name("das2-server"),
            arguments: ["--mount", mount, "--port", "0"],
            environment: .inherit.updating(["PATH": ServerProcess.searchPath]),
            output: .discarded,
            error: .string(limit: 1 << 16)
        )
        #expect(result.terminationStatus == TerminationStatus.exited(64))
        #expect(result.standardError.contains("--mount must be a literal path"))
    }

    @Test func printsTheMountPathInTheURL() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0", "--mount", "das/server/"]) { server in
            server.url
        }
        #expect(outcome.value.hasSuffix("/das/server/"))
        #expect(outcome.value.hasPrefix("http://127.0.0.1:"))
    }

    @Test func answersTheIdQueryByteForByte() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            try server.client.request("/?server=id")
        }
        let response = outcome.value
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.header("Access-Control-Allow-Origin") == "*")
        #expect(response.framing == .contentLength)
        #expect(response.text == TestSite.siteName + "\r\n")
    }

    @Test func listsTheSources() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            try server.client.request("/?server=list")
        }
        #expect(outcome.value.status == 200)
        #expect(outcome.value.text == "Big|big\r\nSilent|silent\r\nSmall|small\r\n")
    }

    @Test func streamsALargeDatasetCompletely() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            try server.client.request(Self.bigQuery)
        }
        let response = outcome.value
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/vnd.das2.das2stream")
        #expect(response.header("Content-Disposition") == "attachment; filename=\"Big_2017-01-01_2017-01-02.d2s\"")
        #expect(response.framing == .chunked)
        #expect(response.body.count == TestSite.bigStream.count)
        // A Bool, so a mismatch does not make the test library diff megabytes.
        let isExact = response.body == TestSite.bigStream
        #expect(isExact)
    }

    @Test func sendsAClosedDelimitedBodyToHTTP10Clients() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            try server.client.request(
                "/?server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02", version: "HTTP/1.0"
            )
        }
        #expect(outcome.value.status == 200)
        #expect(outcome.value.body == TestSite.smallStream)
    }

    @Test func answersHeadWithTheHeadersOfGetAndNoBody() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            let get = try server.client.request("/?server=id")
            let head = try server.client.request("/?server=id", method: "HEAD")
            let stream = try server.client.request(Self.bigQuery, method: "HEAD")
            let endless = try server.client.request(
                "/?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-02-01", method: "HEAD"
            )
            let noReaderLeft = try await site.readerEnds(within: 5, mayNotStart: true)
            return (get, head, stream, endless, noReaderLeft)
        }
        let (get, head, stream, endless, noReaderLeft) = outcome.value
        #expect(head.status == get.status)
        #expect(head.header("Content-Type") == get.header("Content-Type"))
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.body.isEmpty)
        #expect(stream.status == 200)
        #expect(stream.header("Content-Type") == "application/vnd.das2.das2stream")
        #expect(stream.body.isEmpty)
        #expect(endless.status == 200)
        #expect(endless.body.isEmpty)
        #expect(noReaderLeft)
        #expect(!site.readerFinished)
    }

    @Test func aClientThatHangsUpMidBodyStopsTheReader() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            // Any end time other than 2017-01-02 makes Big's reader practically endless.
            let response = try server.client.request(
                "/?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-02-01", bodyLimit: 1 << 20
            )
            let readerEnded = try await site.readerEnds(within: 5)
            // The server must still answer after the broken request.
            let next = try server.client.request("/?server=id")
            return (response, readerEnded, next.status)
        }
        let (response, readerEnded, nextStatus) = outcome.value
        #expect(response.status == 200)
        #expect(response.body.count == 1 << 20)
        #expect(!response.isComplete)
        #expect(readerEnded)
        #expect(!site.readerFinished)
        #expect(nextStatus == 200)
    }

    @Test func aClientThatHangsUpWhileTheReaderIsSilentStopsTheReaderAtOnce() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            // The reader writes nothing for two minutes, so no status line comes: the client
            // gives up after a second and hangs up, long before any idle time limit.
            var impatient = server.client
            impatient.timeout = 1
            let query = "/?server=dataset&dataset=Silent&start_time=2017-01-01&end_time=2017-01-02"
            let gaveUp = (try? impatient.request(query)) == nil
            let readerEnded = try await site.readerEnds(within: 1, pidFile: site.silentPIDFile)
            let next = try server.client.request("/?server=id")
            return (gaveUp, readerEnded, next.status)
        }
        let (gaveUp, readerEnded, nextStatus) = outcome.value
        #expect(gaveUp)
        #expect(readerEnded)
        #expect(nextStatus == 200)
        let logs = try FileManager.default.contentsOfDirectory(atPath: site.root + "/log").map {
            try String(contentsOfFile: site.root + "/log/" + $0, encoding: .utf8)
        }
        #expect(logs.contains { $0.contains("Client disconnected before the first byte; pipeline stopped") })
    }

    @Test func aClientThatHangsUpMidBodyWhileTheReaderIsSilentStopsTheReaderAtOnce() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { server in
            // The reader writes the stream's headers, then nothing for two minutes.
            let query = "/?server=dataset&dataset=Silent&start_time=2017-01-01&end_time=2017-01-03"
            let response = try server.client.request(query, bodyLimit: 10)
            let readerEnded = try await site.readerEnds(within: 1, pidFile: site.silentPIDFile)
            return (response, readerEnded)
        }
        let (response, readerEnded) = outcome.value
        #expect(response.status == 200)
        #expect(response.body.count == 10)
        #expect(readerEnded)
        let logs = try FileManager.default.contentsOfDirectory(atPath: site.root + "/log").map {
            try String(contentsOfFile: site.root + "/log/" + $0, encoding: .utf8)
        }
        #expect(logs.contains { $0.contains("Client disconnected after") })
    }

    @Test func shutsDownWithStatusZeroOnSIGTERM() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--config", site.configurationPath, "--port", "0"]) { _ in () }
        #expect(outcome.exitStatus == 0)
    }

    @Test func readsTheConfigurationFromDAS2_SERVER_CONF() async throws {
        let site = try TestSite()
        let outcome = try await ServerProcess.run(["--port", "0"], environment: ["DAS2_SERVER_CONF": site.configurationPath]) { server in
            try server.client.request("/?server=id")
        }
        #expect(outcome.value.text == TestSite.siteName + "\r\n")
    }

    @Test func servesTheBundledExamplesWithoutAConfiguration() async throws {
        let site = try TestSite()
        let state = site.root + "/state"
        let outcome = try await ServerProcess.run(
            ["--port", "0"], environment: ["DAS2_SERVER_CONF": nil, "XDG_STATE_HOME": state]
        ) { server in
            try server.client.request("/?server=id")
        }
        #expect(outcome.value.status == 200)
        #expect(!outcome.value.body.isEmpty)
        #expect(TestSite.isDirectory(state + "/das2kit/examples"))
    }
}
