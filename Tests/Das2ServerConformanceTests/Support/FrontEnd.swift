import Das2TestSupport
import Foundation
import Testing

/// The two programs every case runs through.
enum FrontEnd: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `das2-cgi`, run once per request with the CGI environment of §0.1.
    case cgi
    /// `das2-server`, one per fixture variant, asked over HTTP with `Host: localhost`.
    case standalone

    var testDescription: String { rawValue }
}

extension FrontEnd {
    /// Sends `request` through this front end.
    func send(_ request: CaseRequest) async throws -> Exchange {
        let pool = try FixturePool.required()
        switch self {
        case .cgi:
            let fixture = try await pool.fixture(request.fixture)
            return try await pool.cgiLimiter.run { try await sendCGI(request, fixture: fixture) }
        case .standalone:
            var options = request.fixture
            options.trustsLoopback = request.trusted
            let server = try await pool.server(options)
            return try await server.gate.run { try await sendHTTP(request, to: server) }
        }
    }

    private func sendCGI(_ request: CaseRequest, fixture: ServerFixture) async throws -> Exchange {
        let log = fixture.probeLog(UUID().uuidString)
        var environment = [
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SCRIPT_NAME": "/das/server",
            "REMOTE_ADDR": request.trusted ? "127.0.0.1" : "10.0.0.5", "QUERY_STRING": request.query,
            "PROBE_LOG": log.path, "DAS2_SERVER_CONF": fixture.configurationPath,
        ]
        environment["PATH_INFO"] = request.pathInfo
        environment["HTTP_USER_AGENT"] = request.userAgent
        environment["HTTP_AUTHORIZATION"] = request.authorization
        let result = try await CGIProcess.run(environment)
        return Exchange(
            status: result.status, reason: result.reason, headers: result.headers, body: result.body,
            probes: log.entries(), fixture: fixture, rawCGIOutput: result.output
        )
    }

    private func sendHTTP(_ request: CaseRequest, to server: StandaloneServer) async throws -> Exchange {
        server.probeLog.clear()
        var headers: [(name: String, value: String)] = [("Host", "localhost")]
        if let agent = request.userAgent { headers.append(("User-Agent", agent)) }
        if let authorization = request.authorization { headers.append(("Authorization", authorization)) }
        let client = server.client
        let target = request.target
        let requestHeaders = headers
        let response = try await onOwnThread { try client.request(target, headers: requestHeaders) }
        return Exchange(
            status: response.status, reason: response.reason, headers: response.headers, body: response.body,
            probes: server.probeLog.entries(), fixture: server.fixture, rawCGIOutput: nil
        )
    }
}
