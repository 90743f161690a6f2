import Das2Server
import Das2TestSupport
import Foundation
import Logging
import Testing

/// C132–C134 (conformance-cases.md §12) through the library's public API: a `Das2Server` on
/// the fixture answers `Das2Request`s in process.
@Suite(.fixturePool)
struct UnitVectorTests {
    /// A server on the standard fixture and the response to one request.
    private func respond(
        query: String, userAgent: String? = nil
    ) async throws -> (response: Das2Response, body: [UInt8], probes: ProbeLog) {
        let fixture = try await FixturePool.required().fixture(ServerFixture.Options())
        let probes = fixture.probeLog(UUID().uuidString)
        var environment = ProcessInfo.processInfo.environment
        environment["PROBE_LOG"] = probes.path
        let server = Das2Server(configurationPath: fixture.configurationPath, environment: environment, logger: Logger(label: "conformance"))
        var headers: [(name: String, value: String)] = []
        if let userAgent { headers.append(("User-Agent", userAgent)) }
        let request = Das2Request(
            queryString: query, scriptName: "/das/server", serverName: "localhost", serverPort: 80,
            remoteAddress: "10.0.0.5", headers: headers
        )
        let response = await server.respond(to: request)
        switch response.body {
        case .empty:
            return (response, [], probes)
        case .bytes(let bytes):
            return (response, bytes, probes)
        case .stream(let produce):
            var writer: any Das2ResponseBodyWriter = CollectingWriter()
            try await produce(&writer)
            return (response, (writer as? CollectingWriter)?.bytes ?? [], probes)
        }
    }

    struct FileNameVector: Sendable, CustomTestStringConvertible {
        var query: String
        var fileName: String
        var testDescription: String { fileName }
    }

    /// server-protocol.md §4.9: `:` → `-`, `.000Z` and `T00-00-00` removed, trimmed times as sent.
    @Test("C132 file name transform", arguments: [
        FileNameVector(query: ConformanceCase.random, fileName: "Random_2017-01-01_2017-01-02.d2s"),
        FileNameVector(
            query: "server=dataset&dataset=Examples/Random&start_time=2017-01-01T00:00:00.000Z&end_time=2017-01-02T00:00:00.000Z",
            fileName: "Random_2017-01-01_2017-01-02.d2s"
        ),
        FileNameVector(query: ConformanceCase.spectra + "&ascii=true", fileName: "Spectra_1979-03-01T12-27_1979-03-01T12-28.d2t"),
        FileNameVector(
            query: "server=dataset&dataset=Examples/Spectra&start_time=1979-03-01T12:00&end_time=1979-03-01T13:00",
            fileName: "Spectra_1979-03-01T12-26-11.000000_1979-03-01T12-29-24.000000.d2s"
        ),
    ])
    func fileNameTransform(_ vector: FileNameVector) async throws {
        let answer = try await respond(query: vector.query)
        #expect(answer.response.status == 200, "C132: status for \(vector.query)")
        let disposition = answer.response.header("Content-Disposition")
        #expect(disposition?.hasSuffix("; filename=\"\(vector.fileName)\"") == true, "C132: \(vector.query) gave \(disposition ?? "no Content-Disposition")")
    }

    /// The exact vector of C133 inside a real error: `params` holding `a<b>"c"&d` CR LF `e`
    /// is reported (first illegal substring in list order: `>`) with the message escaped
    /// `&` first, CR LF → `&#13;&#10;`, `"` → `'`, `<`/`>` as entities.
    @Test("C133 exception framing")
    func exceptionFraming() async throws {
        let answer = try await respond(query: ConformanceCase.random + "&params=a%3Cb%3E%22c%22%26d%0D%0Ae")
        let xml = "<exception type=\"BadRequest\" message=\"Illegal character(s): '&gt;', in value: 'a&lt;b&gt;'c'&amp;d&#13;&#10;e' for query parmeter: params\" />\r\n"
        let expected = "[00]" + String(xml.utf8.count).leftPadded(6) + xml
        #expect(answer.response.status == 400, "C133: status")
        #expect(answer.body == Array(expected.utf8), "C133: expected \(visible(Array(expected.utf8))), got \(visible(answer.body))")
        #expect(!answer.probes.ran("probe_rdr"), "C133: the reader must not run")
    }

    /// The C133 vector's own framing: a 74-byte XML body for the bare message.
    @Test("C133 vector length")
    func exceptionVectorLength() {
        let xml = "<exception type=\"BadRequest\" message=\"a&lt;b&gt;'c'&amp;d&#13;&#10;e\" />\r\n"
        #expect(xml.utf8.count == 74, "C133: the spec's vector is [00]000074")
    }

    /// A lone CR becomes `&#13;`, a lone LF `&#13;&#10;` (server-protocol.md §1.7).
    @Test("C133 lone line ends")
    func loneLineEnds() async throws {
        for (encoded, escaped) in [("a%0Db", "a&#13;b"), ("a%0Ab", "a&#13;&#10;b")] {
            let answer = try await respond(query: ConformanceCase.random + "&params=\(encoded)")
            let message = ExceptionPacketText(answer.body, tag: "[00]")?.message ?? ""
            #expect(message.contains("in value: '\(escaped)'"), "C133: params=\(encoded) gave \(visible(answer.body))")
        }
    }

    struct AgentVector: Sendable, CustomTestStringConvertible {
        var agent: String?
        var isBrowser: Bool
        var testDescription: String { agent ?? "no User-Agent" }
    }

    /// server-protocol.md §1.5: the browser words, any case, anywhere in the agent.
    @Test("C134 browser detection", arguments: [
        AgentVector(agent: browserAgent, isBrowser: true),
        AgentVector(agent: "FIREFOX", isBrowser: true),
        AgentVector(agent: "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; Internet Explorer)", isBrowser: true),
        AgentVector(agent: "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", isBrowser: true),
        AgentVector(agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", isBrowser: true),
        AgentVector(agent: "Mozilla/5.0 (compatible; Konqueror/4.14; Linux)", isBrowser: true),
        // Python's lower() (and Swift's) turns the Kelvin sign into `k`.
        AgentVector(agent: "Mozilla/5.0 (compatible; \u{212A}onqueror/4.14)", isBrowser: true),
        AgentVector(agent: "Sa\u{301}fari-like/1.0 (chrom\u{E9})", isBrowser: false),
        AgentVector(agent: "Autoplot/2019", isBrowser: false),
        AgentVector(agent: "curl/8.0", isBrowser: false),
        AgentVector(agent: "python-requests/2.31", isBrowser: false),
        AgentVector(agent: nil, isBrowser: false),
    ])
    func browserDetection(_ vector: AgentVector) async throws {
        let answer = try await respond(query: "server=bogus", userAgent: vector.agent)
        let expected = vector.isBrowser ? "text/plain; charset=utf-8" : "text/vnd.das2.das2stream"
        #expect(answer.response.header("Content-Type") == expected, "C134: \(vector.testDescription)")
    }
}

/// Collects a streamed response body.
struct CollectingWriter: Das2ResponseBodyWriter {
    var bytes: [UInt8] = []

    mutating func write(_ bytes: [UInt8]) async throws {
        self.bytes += bytes
    }
}
