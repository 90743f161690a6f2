#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2TestSupport
import Foundation
import Testing

/// Readers that outlive their client or crash (server-protocol.md §4.8), through both front
/// ends:
/// * a client that hangs up in the middle of a large data response (`big_rdr`, endless and
///   deaf to SIGPIPE) leaves no reader process alive one second later;
/// * a reader that crashes mid-stream (`crash_rdr`, SIGSEGV) yields the stream followed by an
///   `[xx]` exception packet of type `InternalServerError`, and the request log says why.
@Suite(.fixturePool, .timeLimit(.minutes(1)))
struct RobustnessTests {
    static let big = "server=dataset&dataset=Examples/Big&start_time=2017-01-01&end_time=2017-01-02"
    static let crash = "server=dataset&dataset=Examples/Crash&start_time=2017-01-01&end_time=2017-01-02"
    /// How much of the endless stream the client reads before it hangs up.
    static let readLimit = 1 << 20

    @Test("A client hanging up mid-stream leaves no reader alive (standalone)")
    func hangUpStandalone() async throws {
        let server = try await FixturePool.required().server(.hostile.trustingLoopback(false))
        let (response, readerID) = try await server.gate.run {
            server.probeLog.clear()
            try? FileManager.default.removeItem(atPath: server.probeLog.path + ".big_rdr.pid")
            let client = server.client
            let response = try await onOwnThread {
                try client.request("/das/server?" + Self.big, headers: [("Host", "localhost")], bodyLimit: Self.readLimit)
            }
            return (response, server.probeLog.bigReaderProcessID())
        }
        #expect(response.status == 200 && response.body.count == Self.readLimit && !response.isComplete,
            "standalone: expected a partial 200 stream of \(Self.readLimit) bytes, got \(response.status) with \(response.body.count) bytes")
        let pid = try #require(readerID, "standalone: big_rdr did not record its pid")
        let alive = await Self.stillAlive(pid, after: .seconds(1), parent: server.processID)
        #expect(alive == nil, "standalone: big_rdr (pid \(pid)) still \(alive ?? "") one second after the client hung up")
        let after = try await onOwnThread { try server.client.request("/das/server?server=id", headers: [("Host", "localhost")]) }
        #expect(after.status == 200, "standalone: the server no longer answers after the hang-up")
    }

    @Test("A web server closing the CGI output mid-stream leaves no reader alive (CGI)")
    func hangUpCGI() async throws {
        let fixture = try await FixturePool.required().fixture(.hostile)
        let log = fixture.probeLog(UUID().uuidString)
        let result = try await CGIProcess.run(Self.cgiEnvironment(fixture, query: Self.big, log: log), readLimit: Self.readLimit)
        #expect(result.status == 200 && result.output.count == Self.readLimit,
            "cgi: expected the first \(Self.readLimit) bytes of a 200 stream, got \(result.status) with \(result.output.count) bytes")
        let pid = try #require(log.bigReaderProcessID(), "cgi: big_rdr did not record its pid")
        let alive = await Self.stillAlive(pid, after: .seconds(1), parent: nil)
        #expect(alive == nil, "cgi: big_rdr (pid \(pid)) still \(alive ?? "") one second after the output was closed")
    }

    @Test("A reader crashing mid-stream ends the stream with an [xx] exception and a log entry", arguments: FrontEnd.allCases)
    func readerCrash(_ frontEnd: FrontEnd) async throws {
        let exchange = try await frontEnd.send(CaseRequest(query: Self.crash, fixture: .hostile))
        let label = "\(frontEnd.rawValue) crash_rdr"
        for check in Check.dataHeaders("application/vnd.das2.das2stream", "attachment", "Crash_2017-01-01_2017-01-02.d2s") {
            if let problem = check.evaluate(exchange) { Issue.record("\(label): \(problem)") }
        }
        let body = ConformanceCase.streamThenException("crash_rdr: segmentation fault ahead", "Non-zero exit value, 139 from pipeline")
        if let problem = body.evaluate(exchange) { Issue.record("\(label): \(problem)") }
        // The standalone server writes its request log in batches, within a fraction of a second.
        var log = exchange.fixture.serverLogText()
        let complete = { (log: String) in
            log.contains("crash_rdr: segmentation fault ahead") && (log.contains("signal 11") || log.contains("139"))
        }
        for _ in 0..<40 where !complete(log) {
            try await Task.sleep(for: .milliseconds(50))
            log = exchange.fixture.serverLogText()
        }
        #expect(log.contains("crash_rdr: segmentation fault ahead"), "\(label): the request log lacks the reader's stderr line")
        #expect(log.contains("signal 11") || log.contains("139"), "\(label): the request log does not say the reader died of SIGSEGV")
    }

    /// The CGI environment of §0.1 for `query` on `fixture`.
    static func cgiEnvironment(_ fixture: ServerFixture, query: String, log: ProbeLog) -> [String: String] {
        [
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SCRIPT_NAME": "/das/server", "REMOTE_ADDR": "10.0.0.5",
            "QUERY_STRING": query, "PROBE_LOG": log.path, "DAS2_SERVER_CONF": fixture.configurationPath,
        ]
    }

    /// Nil once `pid` is gone within `limit`, else how it still exists ("running", or "an
    /// unreaped zombie" of `parent`). A zombie whose parent is not `parent` (the server) was
    /// killed and left to init, which is all a server can do.
    static func stillAlive(_ pid: Int32, after limit: Duration, parent: Int32?) async -> String? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            let state = processState(pid)
            switch state {
            case nil: return nil
            case ("Z", let ppid)? where ppid != parent: return nil
            default: break
            }
            if clock.now >= deadline {
                return state?.state == "Z" ? "an unreaped zombie of the server" : "running (state \(state?.state ?? "?"))"
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The state letter and parent pid from `/proc/<pid>/stat`, nil when the process is gone.
    static func processState(_ pid: Int32) -> (state: String, parent: Int32)? {
        guard kill(pid, 0) == 0 || errno == EPERM,
            let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2 else { return nil }
        return (String(fields[0]), Int32(fields[1]) ?? 0)
    }
}
