import Das2TestSupport
import Foundation
import Testing

/// The material of hapi.md §12.1 kept beside these tests.
enum HAPIMaterial {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// Lines `a…b` (1-based, inclusive) of an expected CSV body, each with its LF.
    static func lines(_ name: String, _ range: ClosedRange<Int>) throws -> String {
        let lines = try text(name).split(separator: "\n", omittingEmptySubsequences: false)
        return lines[(range.lowerBound - 1)...(range.upperBound - 1)].map { $0 + "\n" }.joined()
    }
}

/// The fixture variants the cases use.
enum HAPIVariant: Hashable, Sendable {
    /// The §12.1 fixture, loopback trusted, `HAPI_TIMEOUT = 2` (H46), plus the hidden slow
    /// source of H59.
    case main
    /// The same without `TEST_FROM` (authorization cases over loopback).
    case untrusted
    /// `ENABLE_HAPI_SUBSYS` off (§1.1).
    case disabled
    /// The §12.1 fixture untouched by other cases, for the probe argv checks (through CGI).
    case probes
    /// The §12.1 fixture with `HAPI_EXTENSIONS = false`, `HAPI_LIST_PROTECTED = true`,
    /// `HAPI_ALL_SOURCES = true` and a few more sources (through CGI).
    case switches

    var options: ServerFixture.Options {
        switch self {
        case .main, .probes:
            ServerFixture.Options(
                extraFiles: SlowReader.files, hapiStreams: HAPIMaterial.directory, extraConfiguration: ["HAPI_TIMEOUT = 2"]
            )
        case .untrusted:
            ServerFixture.Options(trustsLoopback: false, hapiStreams: HAPIMaterial.directory)
        case .disabled:
            ServerFixture.Options(hapi: false, hapiStreams: HAPIMaterial.directory)
        case .switches:
            ServerFixture.Options(
                extraFiles: SwitchSources.files, hapiStreams: HAPIMaterial.directory,
                extraConfiguration: ["HAPI_EXTENSIONS = false", "HAPI_LIST_PROTECTED = true", "HAPI_ALL_SOURCES = true"]
            )
        }
    }
}

/// The fixtures and `das2-server` processes of the HAPI suite, made on first use and removed
/// when the suite ends (``HAPIServersTrait``).
actor HAPIServers {
    @TaskLocal static var current: HAPIServers?

    private var fixtures: [HAPIVariant: ServerFixture] = [:]
    private var servers: [HAPIVariant: Task<HAPIServer, any Error>] = [:]
    private var examples: Task<HAPIServer, any Error>?
    private var exampleState: String?

    static func required() throws -> HAPIServers {
        try #require(current, "the suite needs the .hapiServers trait")
    }

    func fixture(_ variant: HAPIVariant) throws -> ServerFixture {
        if let fixture = fixtures[variant] { return fixture }
        let fixture = try ServerFixture(variant.options)
        fixtures[variant] = fixture
        return fixture
    }

    /// The standalone server of a variant, mounted at `/das/server`, with every probe done.
    func server(_ variant: HAPIVariant) async throws -> HAPIServer {
        if let task = servers[variant] { return try await task.value }
        let fixture = try fixture(variant)
        let task = Task {
            let server = try await HAPIServer.start(
                ["--config", fixture.configurationPath, "--mount", "/das/server", "--host", "127.0.0.1", "--port", "0"],
                fixture: fixture, mount: "/das/server"
            )
            // The first HAPI request starts the background probes; the catalog waits for all.
            _ = try await server.get("/hapi/catalog")
            return server
        }
        servers[variant] = task
        return try await task.value
    }

    /// `das2-server` without `--config`: the bundled example site (§10), at the root.
    func examplesServer() async throws -> HAPIServer {
        if let examples { return try await examples.value }
        let state = NSTemporaryDirectory() + "das2-hapi-examples-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        exampleState = state
        let task = Task {
            try await HAPIServer.start(
                ["--host", "127.0.0.1", "--port", "0"], fixture: nil, mount: "",
                environment: ["XDG_STATE_HOME": state, "DAS2_SERVER_CONF": nil]
            )
        }
        examples = task
        return try await task.value
    }

    func shutdown() async {
        for task in servers.values {
            if let server = try? await task.value { await server.shutdown() }
        }
        if let server = try? await examples?.value { await server.shutdown() }
        servers = [:]
        for fixture in fixtures.values { fixture.remove() }
        fixtures = [:]
        if let exampleState { try? FileManager.default.removeItem(atPath: exampleState) }
    }
}

/// Gives a suite its ``HAPIServers``.
struct HAPIServersTrait: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @concurrent @Sendable () async throws -> Void
    ) async throws {
        let servers = HAPIServers()
        do {
            try await HAPIServers.$current.withValue(servers) { try await function() }
        } catch {
            await servers.shutdown()
            throw error
        }
        await servers.shutdown()
    }
}

extension Trait where Self == HAPIServersTrait {
    static var hapiServers: Self { Self() }
}

/// A running `das2-server`.
final class HAPIServer: Sendable {
    let port: Int
    let processID: Int32
    let fixture: ServerFixture?
    /// The mount path (`/das/server`, or empty at the root).
    let mount: String
    /// The probe log all its readers append to.
    let probeLog: ProbeLog?
    private let server: BackgroundServer

    private init(server: BackgroundServer, fixture: ServerFixture?, mount: String, probeLog: ProbeLog?) {
        self.server = server
        self.port = server.port
        self.processID = server.processID
        self.fixture = fixture
        self.mount = mount
        self.probeLog = probeLog
    }

    static func start(
        _ arguments: [String], fixture: ServerFixture?, mount: String, environment: [String: String?] = [:]
    ) async throws -> HAPIServer {
        let log = fixture?.probeLog("server")
        var environment = environment
        if let log { environment["PROBE_LOG"] = log.path }
        guard let server = try await BackgroundServer.start(arguments, environment: environment) else {
            throw RawHTTPError(description: "das2-server did not start")
        }
        return HAPIServer(server: server, fixture: fixture, mount: mount, probeLog: log)
    }

    /// Sends a request for `path` (below the mount, e.g. `/hapi/catalog?depth=all`).
    func get(
        _ path: String, method: String = "GET", headers: [(String, String)] = [], version: String = "HTTP/1.1",
        untilBodyLines: Int? = nil
    ) async throws -> HAPIResponse {
        let target = mount + path
        let port = self.port
        return try await onOwnThread {
            try RawHTTP.request(
                port: port, target: target, method: method, headers: headers, version: version, untilBodyLines: untilBodyLines
            )
        }
    }

    /// Stops the server; returns its log.
    @discardableResult
    func shutdown() async -> String {
        await server.shutdown()
    }
}

/// Runs blocking socket work on a thread of its own, keeping the cooperative threads free.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// HAPI requests through `das2-cgi` with the CGI environment of conformance-cases.md §0.1.
enum HAPICGI {
    static func get(
        _ path: String, query: String = "", fixture: ServerFixture, trusted: Bool = true, method: String = "GET",
        headers: [String: String] = [:], probeLog: ProbeLog? = nil
    ) async throws -> HAPIResponse {
        var environment = [
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SCRIPT_NAME": "/das/server", "PATH_INFO": path,
            "QUERY_STRING": query, "REMOTE_ADDR": trusted ? "127.0.0.1" : "10.0.0.5", "REQUEST_METHOD": method,
            "DAS2_SERVER_CONF": fixture.configurationPath,
        ]
        if let probeLog { environment["PROBE_LOG"] = probeLog.path }
        for (name, value) in headers { environment["HTTP_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] = value }
        let result = try await CGIProcess.run(environment)
        return HAPIResponse(
            status: result.status, reason: result.reason, headers: result.headers, body: result.body,
            isComplete: result.exitStatus == 0, exitStatus: result.exitStatus
        )
    }
}
