import Das2Server
@testable import Das2ServerHummingbird
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// The das2 routes inside a host application's router, without sockets: mounting under a
/// router group, and what the body writer does when the client has gone.
struct HummingbirdRoutesTests {
    @Test func routesInsideAGroupPutTheGroupPrefixIntoTheScriptName() async throws {
        let site = try TestSite()
        let router = Router(context: TestContext.self)
        router.group("api").addDas2Routes(server(site), mountPath: "/das")
        let responder = router.buildResponder()
        let response = try await responder.respond(
            to: request("/api/das/Moved?server=dsdf", authority: "example.org:8080"),
            context: TestContext()
        )
        #expect(response.status.code == 301)
        #expect(response.headers[.location] == "http://example.org:8080/api/das/Big?server=dsdf")
    }

    @Test(arguments: ["/das?server=id", "/das/?server=id"])
    func answersOnTheMountPathItself(_ target: String) async throws {
        let site = try TestSite()
        let router = Router(context: TestContext.self)
        router.addDas2Routes(server(site), mountPath: "das")
        let response = try await router.buildResponder().respond(to: request(target), context: TestContext())
        let sink = FailingSink(failAfter: .max)
        try await response.body.write(sink)
        #expect(response.status == .ok)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == TestSite.siteName + "\r\n")
    }

    @Test func leavesOtherPathsToTheHostApplication() async throws {
        let site = try TestSite()
        let router = Router(context: TestContext.self)
        router.addDas2Routes(server(site), mountPath: "/das")
        router.get("/health") { _, _ in "ok" }
        let responder = router.buildResponder()
        let health = try await responder.respond(to: request("/health"), context: TestContext())
        #expect(health.status == .ok)
        let other = try await responder.respond(to: request("/dasx?server=id"), context: TestContext())
        #expect(other.status == .notFound)
    }

    @Test func aWriteThatFailsStopsTheStreamAndTheReader() async throws {
        let site = try TestSite()
        let router = Router(context: TestContext.self)
        router.addDas2Routes(server(site), mountPath: "")
        let response = try await router.buildResponder().respond(
            to: request("/?server=dataset&dataset=Big&start_time=2017-01-01&end_time=2017-02-01"),
            context: TestContext()
        )
        #expect(response.status == .ok)
        let sink = FailingSink(failAfter: 1 << 20)
        await #expect(throws: FailingSink.Gone.self) {
            try await response.body.write(sink)
        }
        #expect(try await site.readerEnds(within: 5))
        #expect(!site.readerFinished)
        #expect(sink.received >= 1 << 20)
        #expect(!sink.finished)
    }

    @Test func aCompleteStreamIsWrittenInOrderAndFinished() async throws {
        let site = try TestSite()
        let router = Router(context: TestContext.self)
        router.addDas2Routes(server(site), mountPath: "")
        let response = try await router.buildResponder().respond(
            to: request("/?server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02"),
            context: TestContext()
        )
        let sink = FailingSink(failAfter: .max)
        try await response.body.write(sink)
        #expect(sink.bytes == TestSite.smallStream)
        #expect(sink.finished)
    }

    // MARK: - The mount responder of das2-server

    @Test(arguments: [
        ("/das", "/das?server=id"), ("/das", "/das/?server=id"), ("/das", "/dasx?server=id"), ("/das", "/x/das?server=id"),
        ("/das", "/Das?server=id"), ("/das", "/das/Moved?server=dsdf"), ("/das", "/das//Moved/?server=dsdf"),
        ("das/server/", "/das/server/Moved?server=dsdf"), ("das/server/", "/das?server=id"), ("", "/?server=id"),
        ("", "/Moved?server=dsdf"), ("", "//a/b?server=id"),
    ])
    func theMountResponderAnswersAsTheRoutes(mountPath: String, target: String) async throws {
        let site = try TestSite()
        let das2 = server(site)
        let router = Router(context: TestContext.self)
        router.addDas2Routes(das2, mountPath: mountPath)
        let routed = try await router.buildResponder().respond(to: request(target), context: TestContext())
        let mounted = try await Das2MountResponder<TestContext>(server: das2, mountPath: mountPath)
            .respond(to: request(target), context: TestContext())
        #expect(mounted.status == routed.status)
        #expect(Array(mounted.headers) == Array(routed.headers))
        #expect(try await bodyBytes(mounted) == bodyBytes(routed))
    }

    @Test(arguments: [
        (HTTPRequest.Method.post, 400), (.put, 400), (.delete, 400), (.patch, 400), (.options, 400), (.trace, 404),
        (.connect, 404),
    ])
    func theMountResponderPassesTheCommonMethodsOnly(method: HTTPRequest.Method, status: Int) async throws {
        let site = try TestSite()
        let das2 = server(site)
        let router = Router(context: TestContext.self)
        router.addDas2Routes(das2, mountPath: "/das")
        let routed = try await router.buildResponder().respond(to: request("/das?server=id", method: method), context: TestContext())
        let mounted = try await Das2MountResponder<TestContext>(server: das2, mountPath: "/das")
            .respond(to: request("/das?server=id", method: method), context: TestContext())
        #expect(mounted.status.code == status)
        #expect(routed.status.code == status)
        #expect(Array(mounted.headers) == Array(routed.headers))
    }

    @Test func theMountResponderAnswersHeadLikeTheRoutes() async throws {
        let site = try TestSite()
        let das2 = server(site)
        let router = Router(context: TestContext.self)
        router.addDas2Routes(das2, mountPath: "/das")
        let target = "/das?server=id"
        let routed = try await router.buildResponder().respond(to: request(target, method: .head), context: TestContext())
        let mounted = try await Das2MountResponder<TestContext>(server: das2, mountPath: "/das")
            .respond(to: request(target, method: .head), context: TestContext())
        #expect(mounted.status == .ok)
        #expect(Array(mounted.headers) == Array(routed.headers))
        #expect(mounted.body.contentLength == routed.body.contentLength)
        #expect(try await bodyBytes(mounted).isEmpty)
    }

    @Test(arguments: [
        ("/das/server", "/das/server", true, nil), ("/das/server/", "das/server/", true, nil),
        ("/das/server//a/b/", "/das/server", true, "a/b"), ("/das/serverx", "/das/server", false, nil),
        ("/das", "/das/server", false, nil), ("/", "", true, nil), ("/a", "/", true, "a"),
    ] as [(String, String, Bool, String?)])
    func matchesTheMountByComponents(path: String, mount: String, matches: Bool, catchAll: String?) {
        let match = MountPath(mount).match(path)
        #expect((match != nil) == matches)
        #expect(match?.catchAll.map(String.init) == catchAll)
    }

    // MARK: - Mapping details

    @Test(arguments: [
        ("/das/server", nil, "/das/server", ""),
        ("/das/server/", nil, "/das/server", "/"),
        ("/das/server/a/b", "a/b", "/das/server", "/a/b"),
        ("/das/server/a/b/", "a/b", "/das/server", "/a/b/"),
        ("/das/server//a", "a", "/das/server", "//a"),
        ("/", nil, "", "/"),
        ("/a%20b/c", "a%20b/c", "", "/a b/c"),
        ("/x/%2e%2e/y", "x/%2e%2e/y", "", "/x/../y"),
        ("/p+q%zz", "p+q%zz", "", "/p+q%zz"),
    ] as [(String, String?, String, String)])
    func splitsThePathIntoScriptNameAndPathInfo(path: String, catchAll: String?, scriptName: String, pathInfo: String) {
        let mapped = Das2Request(request(path), catchAll: catchAll?[...], remoteAddress: nil, localAddress: nil)
        #expect(mapped.scriptName == scriptName)
        #expect(mapped.pathInfo == pathInfo)
    }

    @Test(arguments: [
        ("example.org", "example.org", nil),
        ("example.org:8080", "example.org", 8080),
        ("[::1]:8443", "[::1]", 8443),
        ("[::1]", "[::1]", nil),
        ("example.org:", "example.org", nil),
    ] as [(String, String, Int?)])
    func takesServerNameAndPortFromHost(host: String, name: String, port: Int?) {
        let mapped = Das2Request(request("/", authority: host), catchAll: nil, remoteAddress: nil, localAddress: nil)
        #expect(mapped.serverName == name)
        #expect(mapped.serverPort == port)
        #expect(mapped.header("Host") == host)
    }

    @Test func fallsBackToTheLocalAddressAndPassesThePeerAndHeaders() throws {
        var head = HTTPRequest(method: .get, scheme: "http", authority: nil, path: "/das?a=1&b=%20+")
        head.headerFields[.userAgent] = "das2 test"
        head.headerFields[.authorization] = "Basic dGVzdHVzZXI6dGVzdA=="
        let local = try SocketAddress(ipAddress: "::1", port: 8080)
        let mapped = Das2Request(
            Request(head: head, body: RequestBody(buffer: ByteBuffer())),
            catchAll: nil,
            remoteAddress: try SocketAddress(ipAddress: "10.1.2.3", port: 40_000),
            localAddress: local
        )
        #expect(mapped.serverName == "[::1]")
        #expect(mapped.serverPort == 8080)
        #expect(mapped.remoteAddress == "10.1.2.3")
        #expect(mapped.queryString == "a=1&b=%20+")
        #expect(mapped.userAgent == "das2 test")
        #expect(mapped.authorization == "Basic dGVzdHVzZXI6dGVzdA==")
        #expect(mapped.method == "GET")
    }

    @Test func givesAnEmptyQueryStringWhenThereIsNoQuery() {
        let mapped = Das2Request(request("/das"), catchAll: nil, remoteAddress: nil, localAddress: nil)
        #expect(mapped.queryString == "")
    }

    // MARK: - Helpers

    private func server(_ site: TestSite) -> Das2Server {
        Das2Server(
            configurationPath: site.configurationPath,
            environment: ["PATH": "/usr/bin:/bin"],
            logger: Logger(label: "test")
        )
    }

    private func bodyBytes(_ response: Response) async throws -> [UInt8] {
        let sink = FailingSink(failAfter: .max)
        try await response.body.write(sink)
        return sink.bytes
    }

    private func request(_ target: String, authority: String? = "localhost", method: HTTPRequest.Method = .get) -> Request {
        Request(
            head: HTTPRequest(method: method, scheme: "http", authority: authority, path: target),
            body: RequestBody(buffer: ByteBuffer())
        )
    }
}

/// A request context built without a channel.
struct TestContext: RemoteAddressRequestContext, LocalAddressRequestContext {
    struct Source: RequestContextSource {
        var logger: Logger
    }

    var coreContext: CoreRequestContextStorage
    var remoteAddress: SocketAddress? { try? SocketAddress(ipAddress: "127.0.0.1", port: 50_000) }
    var localAddress: SocketAddress? { try? SocketAddress(ipAddress: "127.0.0.1", port: 8080) }

    init(source: Source) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    init() {
        self.init(source: Source(logger: Logger(label: "test")))
    }
}

/// A response body writer that keeps what it gets and fails (the client hung up) once it has
/// more than a given number of bytes.
final class FailingSink: ResponseBodyWriter, Sendable {
    struct Gone: Error {}

    private struct State {
        var bytes: [UInt8] = []
        var finished = false
    }

    private let failAfter: Int
    private let state = Mutex(State())

    init(failAfter: Int) {
        self.failAfter = failAfter
    }

    var bytes: [UInt8] { state.withLock { $0.bytes } }
    var received: Int { state.withLock { $0.bytes.count } }
    var finished: Bool { state.withLock { $0.finished } }

    func write(_ buffer: ByteBuffer) async throws {
        let count = state.withLock { state in
            state.bytes += buffer.readableBytesView
            return state.bytes.count
        }
        if count > failAfter { throw Gone() }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {
        state.withLock { $0.finished = true }
    }
}
