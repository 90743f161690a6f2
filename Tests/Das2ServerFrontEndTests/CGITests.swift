import Das2TestSupport
import Foundation
import Testing

/// The `das2-cgi` executable: CGI/1.1 output framing (`Status:` line, headers, blank line,
/// body), configuration lookup, HEAD, and a web server that stops reading.
@Suite(.serialized)
struct CGITests {
    private func environment(_ site: TestSite, query: String, method: String = "GET") -> [String: String] {
        [
            "DAS2_SERVER_CONF": site.configurationPath, "REQUEST_METHOD": method, "QUERY_STRING": query,
            "SCRIPT_NAME": "/das/server", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
            "REMOTE_ADDR": "127.0.0.1", "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1",
        ]
    }

    @Test func framesTheResponseAsCGIOutput() async throws {
        let site = try TestSite()
        let result = try await CGIProcess.run(environment(site, query: "server=id"))
        #expect(result.exitStatus == 0)
        #expect(result.output.starts(with: Array("Status: 200 OK\r\n".utf8)))
        let head = String(decoding: result.output.prefix(result.output.count - result.body.count), as: UTF8.self)
        #expect(head.hasSuffix("\r\n\r\n"))
        for line in head.dropLast(4).split(separator: "\r\n", omittingEmptySubsequences: false) {
            #expect(line.contains(": "), "header line '\(line)'")
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
        #expect(result.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(result.header("Access-Control-Allow-Origin") == "*")
        #expect(result.body == Array((TestSite.siteName + "\r\n").utf8))
    }

    @Test func streamsADatasetToStandardOutput() async throws {
        let site = try TestSite()
        let query = "server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-01-02"
        let result = try await CGIProcess.run(environment(site, query: query))
        #expect(result.exitStatus == 0)
        #expect(result.status == 200)
        #expect(result.header("Content-Type") == "application/vnd.das2.das2stream")
        #expect(result.body.count == TestSite.bigStream.count)
        // A Bool, so a mismatch does not make the test library diff megabytes.
        let isExact = result.body == TestSite.bigStream
        #expect(isExact)
    }

    @Test func writesTheReasonPhraseOfTheAnswer() async throws {
        let site = try TestSite()
        let result = try await CGIProcess.run(environment(site, query: "server=dsdf&dataset=Moved"))
        #expect(result.exitStatus == 0)
        #expect(result.output.starts(with: Array("Status: 301 Permanently moved\r\n".utf8)))
        #expect(result.header("Location") == "http://localhost/das/server?server=dsdf&dataset=Big")
        #expect(result.body.isEmpty)
        #expect(try await site.readerEnds(within: 5, mayNotStart: true))
        #expect(!site.readerFinished)
    }

    @Test func answersAMissingConfigurationWithAStatus500Exception() async throws {
        let site = try TestSite()
        var variables = environment(site, query: "server=id")
        variables["DAS2_SERVER_CONF"] = site.root + "/etc/nowhere.conf"
        let result = try await CGIProcess.run(variables)
        #expect(result.exitStatus == 0)
        #expect(result.output.starts(with: Array("Status: 500 Internal Server Error\r\n".utf8)))
        #expect(result.header("Content-Type") == "text/vnd.das2.das2stream")
        #expect(result.body.starts(with: Array("[00]".utf8)))
        #expect(String(decoding: result.body, as: UTF8.self).contains("type=\"InternalServerError\""))
    }

    @Test func findsTheInstalledConfigurationBesideItsBinDirectory() async throws {
        let site = try TestSite()
        let installed = site.root + "/bin/das2-cgi"
        try ExecutableFile.copy(ServerProcess.productsDirectory + "/das2-cgi", to: installed)
        var variables = environment(site, query: "server=id")
        variables["DAS2_SERVER_CONF"] = nil
        variables["PATH"] = site.root + "/bin:/usr/bin:/bin"
        let result = try await CGIProcess.run(variables)
        #expect(result.status == 200)
        #expect(result.body == Array((TestSite.siteName + "\r\n").utf8))
    }

    @Test func sendsNoBodyForHead() async throws {
        let site = try TestSite()
        let query = "server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-02-01"
        let result = try await CGIProcess.run(environment(site, query: query, method: "HEAD"))
        #expect(result.exitStatus == 0)
        #expect(result.status == 200)
        #expect(result.header("Content-Type") == "application/vnd.das2.das2stream")
        #expect(result.body.isEmpty)
        #expect(try await site.readerEnds(within: 5, mayNotStart: true))
        #expect(!site.readerFinished)
    }

    @Test func stopsTheReaderAndExitsZeroWhenTheWebServerStopsReading() async throws {
        let site = try TestSite()
        let query = "server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-02-01"
        let result = try await CGIProcess.run(environment(site, query: query), readLimit: 1 << 20)
        #expect(result.exitStatus == 0)
        #expect(result.status == 200)
        #expect(try await site.readerEnds(within: 5))
        #expect(!site.readerFinished)
    }
}
