import Das2Server
@testable import Das2ServerHummingbird
import Das2TestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Synchronization
import Testing

/// `Das2Server.immediateResponse(to:)` and the event-loop answers of
/// `.das2HTTP1(immediateAnswers:)`: the same answers as the application gives, in order, for
/// the catalog queries only.
struct ImmediateAnswerTests {
    // MARK: - The library

    @Test func immediateAnswersAreTheAnswersOfRespond() async throws {
        let site = try TestSite()
        let server = Self.server(site)
        _ = await server.respond(to: Self.request("server=list"))
        let requests = [
            Self.request("server=list"), Self.request("server=discovery"), Self.request("server=dsdf&dataset=Small"),
            Self.request("server=dsdf&dataset=Moved"), Self.request("server=dsdf&dataset=Missing"),
            Self.request("server=dsdf&dataset=../etc/passwd"), Self.request("server=id"), Self.request("server=bogus"),
            Self.request("server=authenticator"), Self.request(""), Self.request("", pathInfo: "/nothing"),
            Self.request("", pathInfo: "/source/Small.json"), Self.request("", pathInfo: "/services"),
            Self.request("server=source&dataset=Small"), Self.request("server=list", method: "POST"),
        ]
        for request in requests {
            let immediate = try #require(server.immediateResponse(to: request), "\(request.queryString ?? "") \(request.pathInfo)")
            let awaited = await server.respond(to: request)
            #expect(immediate.status == awaited.status && immediate.reason == awaited.reason)
            #expect(immediate.headers.map { "\($0.name): \($0.value)" } == awaited.headers.map { "\($0.name): \($0.value)" })
            #expect(Self.bytes(immediate.body) == Self.bytes(awaited.body), "\(request.queryString ?? "") \(request.pathInfo)")
        }
        server.flushLogs()
        // Each request was logged twice, the same way (the durations aside).
        let entries = try Self.logEntries(site)
        #expect(entries.count == 1 + 2 * requests.count)
        for index in stride(from: 1, to: entries.count, by: 2) {
            #expect(entries[index] == entries[index + 1])
        }
    }

    @Test(arguments: [
        ("server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02", ""), ("server=image", ""),
        ("server=logo", ""), ("server=peers", ""), ("server=debug", ""), ("", "/static/x.css"), ("", "/source/"),
        ("", "/catalog"), ("id=x", "/hapi/info"), ("", "/data/Small.d2s"),
    ])
    func requestsThatWaitOrReadFilesAreLeftToRespond(query: String, pathInfo: String) throws {
        let site = try TestSite()
        let server = Self.server(site)
        #expect(server.immediateResponse(to: Self.request(query, pathInfo: pathInfo)) == nil)
        server.flushLogs()
        #expect(try Self.logEntries(site).isEmpty)
    }

    @Test func listingsWaitForTheWalkOfTheTree() async throws {
        let site = try TestSite()
        let server = Self.server(site)
        #expect(server.immediateResponse(to: Self.request("server=list")) == nil)
        #expect(server.immediateResponse(to: Self.request("server=discovery")) == nil)
        _ = await server.respond(to: Self.request("server=list"))
        #expect(server.immediateResponse(to: Self.request("server=list")) != nil)
        // The walk is repeated a second later, by `respond(to:)`.
        try await Task.sleep(for: .milliseconds(1100))
        #expect(server.immediateResponse(to: Self.request("server=list")) == nil)
    }

    @Test func aServerThatWritesItsLogAtOnceLeavesEverythingToRespond() async throws {
        let site = try TestSite()
        let server = Self.server(site, batchesLogWrites: false)
        _ = await server.respond(to: Self.request("server=list"))
        #expect(server.immediateResponse(to: Self.request("server=id")) == nil)
        #expect(server.immediateResponse(to: Self.request("server=list")) == nil)
    }

    // MARK: - Over HTTP

    @Test func catalogQueriesAreAnsweredWithoutTheApplication() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, calls in
            _ = try await onOwnThread { try client.request("/das?server=list") }
            let before = calls()
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("/das?server=list"), HTTPClientRequest("/das?server=dsdf&dataset=Small"),
                HTTPClientRequest("/das/?server=id"), HTTPClientRequest("/das?server=dsdf&dataset=Moved"),
            ]) }
            #expect(responses.map(\.status) == [200, 200, 200, 301])
            #expect(calls() == before)
            // Files, readers and paths below the mount (a host's router may have its own) are
            // the application's.
            _ = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("/das?server=logo"),
                HTTPClientRequest("/das?server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02"),
                HTTPClientRequest("/das/Moved?server=dsdf"),
            ]) }
            #expect(calls() == before + 3)
        }
    }

    @Test func answersOnTheEventLoopMatchTheApplicationsAnswers() async throws {
        let site = try TestSite()
        // Both servers see the same Host, so that the redirect's Location is the same.
        let host = ("Host", "localhost")
        let requests = [
            HTTPClientRequest("/das?server=list", headers: [host]), HTTPClientRequest("/das?server=dsdf&dataset=Small", headers: [host]),
            HTTPClientRequest("/das?server=dsdf&dataset=Moved", headers: [host]), HTTPClientRequest("/das?server=bogus", headers: [host]),
            HTTPClientRequest("/das?server=id", headers: [host, ("User-Agent", "Mozilla/5.0")]),
            HTTPClientRequest("HEAD", "/das?server=list", headers: [host]), HTTPClientRequest("/das?server=source&dataset=Small", headers: [host]),
        ]
        let exchange: @Sendable (HTTPClient, @Sendable () -> Int) async throws -> [HTTPClientResponse] = { client, _ in
            // The first list of each server walks the tree through the application.
            _ = try await onOwnThread { try client.request("/das?server=list") }
            return try await onOwnThread { try client.pipeline(requests) }
        }
        let immediate = try await withApplication(site, exchange)
        let awaited = try await withApplication(site, immediate: false, exchange)
        #expect(immediate.count == requests.count && awaited.count == requests.count)
        for (one, other) in zip(immediate, awaited) {
            #expect(one.status == other.status && one.reason == other.reason)
            let withoutDate = { (response: HTTPClientResponse) in
                response.headers.filter { $0.name != "Date" }.map { "\($0.name): \($0.value)" }
            }
            #expect(withoutDate(one) == withoutDate(other))
            #expect(one.header("Date") != nil)
            #expect(one.body == other.body)
        }
        guard immediate.count == requests.count else { return }
        #expect(immediate[5].header("Content-Length") == String(immediate[0].body.count))
        #expect(immediate[5].body.isEmpty)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, _ in
            _ = try await onOwnThread { try client.request("/das?server=list") }
            let small = "/das?server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02"
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest(small), HTTPClientRequest("/das?server=id"), HTTPClientRequest("/das?server=list"),
                HTTPClientRequest(small), HTTPClientRequest("/das?server=dsdf&dataset=Small"), HTTPClientRequest("/das?server=id"),
            ]) }
            #expect(responses.count == 6)
            guard responses.count == 6 else { return }
            #expect(responses[0].body == TestSite.smallStream && responses[3].body == TestSite.smallStream)
            #expect(responses[1].text == TestSite.siteName + "\r\n" && responses[5].text == TestSite.siteName + "\r\n")
            #expect(responses[2].text.hasPrefix("Big|"))
            #expect(responses[4].text.contains("small"))
        }
    }

    @Test func headAndGetAlternatingBetweenApplicationAndEventLoopAreFramedForTheirMethod() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, calls in
            let small = "/das?server=dataset&dataset=Small&start_time=2017-01-01&end_time=2017-01-02"
            // The first listing walks the tree, which the application does.
            _ = try await onOwnThread { try client.request("/das?server=list") }
            let before = calls()
            // SwiftNIO's encoder pairs each response head with the method of its request: the
            // answers written on the event loop must take their turn in that pairing.
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("HEAD", small), HTTPClientRequest("/das?server=id"), HTTPClientRequest("HEAD", "/das?server=id"),
                HTTPClientRequest(small), HTTPClientRequest("HEAD", "/das?server=list"), HTTPClientRequest("/das?server=list"),
            ], oneAtATime: true, pause: 0.1) }
            // The data queries went to the application. The others are answered here unless
            // they arrive while the application is still ending its previous answer (the pause
            // makes that rare): either way each answer must be framed for its own method.
            #expect(calls() >= before + 2)
            #expect(responses.count == 6)
            guard responses.count == 6 else { return }
            #expect(responses[0].body.isEmpty && responses[2].body.isEmpty && responses[4].body.isEmpty)
            #expect(responses[1].text == TestSite.siteName + "\r\n")
            #expect(responses[2].header("Content-Length") == String((TestSite.siteName + "\r\n").utf8.count))
            #expect(responses[3].body == TestSite.smallStream)
            #expect(responses[5].text.hasPrefix("Big|"))
            #expect(responses[4].header("Content-Length") == String(responses[5].body.count))
        }
    }

    @Test func connectionCloseEndsTheConnectionAfterTheAnswer() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, _ in
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("/das?server=id", headers: [("Connection", "close")]), HTTPClientRequest("/das?server=id"),
            ]) }
            #expect(responses.count == 1)
            #expect(responses.first?.text == TestSite.siteName + "\r\n")
        }
    }

    @Test func aRequestAfterOneTheApplicationClosesWithIsNotAnswered() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, calls in
            let before = calls()
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("/das?server=logo", headers: [("Connection", "close")]), HTTPClientRequest("/das?server=id"),
            ]) }
            #expect(responses.count == 1)
            #expect(calls() == before + 1)
        }
    }

    @Test func requestsWithABodyOrOutsideTheMountGoToTheApplication() async throws {
        let site = try TestSite()
        try await withApplication(site) { client, calls in
            let before = calls()
            let responses = try await onOwnThread { try client.pipeline([
                HTTPClientRequest("/das?server=id", body: Array("x=1".utf8)), HTTPClientRequest("/elsewhere?server=id"),
            ]) }
            #expect(responses.map(\.status) == [200, 404])
            #expect(responses.first?.text == TestSite.siteName + "\r\n")
            #expect(calls() == before + 2)
            // Once the application has answered, the same connection's next catalog query is
            // answered at once again.
            let again = try await onOwnThread {
                try client.pipeline(
                    [HTTPClientRequest("/das?server=id", body: Array("x=1".utf8)), HTTPClientRequest("/das?server=id")],
                    oneAtATime: true
                )
            }
            #expect(again.map(\.status) == [200, 200])
            #expect(calls() == before + 3)
        }
    }

    @Test func connectionsAnsweredOnTheEventLoopAreNotIdle() async throws {
        let site = try TestSite()
        try await withApplication(site, idleTimeout: .milliseconds(400)) { client, calls in
            let before = calls()
            let responses = try await onOwnThread {
                try client.pipeline(Array(repeating: HTTPClientRequest("/das?server=id"), count: 6), oneAtATime: true, pause: 0.25)
            }
            // Hummingbird's idle timeout closes a connection without requests for 0.4 s.
            #expect(responses.count == 6)
            #expect(calls() == before)
        }
    }

    @Test func connectionsAnsweredOnTheEventLoopIdleOutAfterTheirLastAnswer() async throws {
        let site = try TestSite()
        try await withApplication(site, idleTimeout: .milliseconds(400)) { client, _ in
            // The connection-state handler must see each answer end, or it would wait for it
            // and never close the connection.
            let responses = try await onOwnThread {
                try? client.pipeline(Array(repeating: HTTPClientRequest("/das?server=id"), count: 2), oneAtATime: true, pause: 1.5)
            }
            #expect((responses?.count ?? 1) == 1)
        }
    }

    @Test func answersPassTheHostsChannelHandlers() async throws {
        let site = try TestSite()
        try await withApplication(site, hostHandlers: { [HeaderAddingHandler()] }) { client, calls in
            let before = calls()
            let responses = try await onOwnThread {
                try client.pipeline([HTTPClientRequest("/das?server=dsdf&dataset=Moved"), HTTPClientRequest("/das?server=logo")])
            }
            #expect(calls() == before + 1)
            #expect(responses.first?.status == 301)
            #expect(responses.first?.reason == "Permanently moved")
            #expect(responses.map { $0.header("X-Host-Handler") } == ["seen", "seen"])
        }
    }

    @Test(arguments: ["/das", "/das?", "/das?#x", "/das#a?b", "/das?a#b?c", "/das?a=1&b=%2F", "/das/x?y", "//das?z"])
    func splitsTargetsAsHummingbirdsURIDoes(target: String) {
        let (path, query) = ImmediateAnswerHandler.pathAndQuery(target)
        let uri = URI(target)
        #expect(path == uri.path)
        #expect(query == uri.query ?? "")
    }

    @Test func theServerNameIsLegalized() async throws {
        let site = try TestSite()
        let channel = try Self.channel(answering: Self.server(site), serverName: "das2\r\nX-Injected: yes")
        try channel.writeInbound(Self.head("/das?server=id"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        let answer = try Self.written(channel)
        #expect(answer.contains("\r\nServer: das2"))
        #expect(!answer.contains("\r\nX-Injected"))
        _ = try channel.finish()
    }

    @Test func requestsAfterAnAnsweredCloseDoNotHoldTheConnectionOpen() async throws {
        let site = try TestSite()
        let handler = ImmediateAnswerHandler(
            Das2ImmediateAnswers(server: Self.server(site), mountPath: "/das"), encoderInput: nil,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            HalfClosingHandler(), HTTPConnectionStateHandler(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }),
            handler,
        ])
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).get()
        var closing = HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/das?server=id")
        closing.headerFields[.connection] = "close"
        let next = HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/das?server=id")
        for head in [closing, next, next] {
            try channel.writeInbound(HTTPRequestPart.head(head))
            try channel.writeInbound(HTTPRequestPart.end(nil))
        }
        // Graceful shutdown closes a connection at once when none of its requests is pending;
        // the two dropped after the close must not count as pending.
        #expect(channel.isActive)
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(!channel.isActive)
        _ = try? channel.finish()
    }

    @Test func aClientThatDoesNotTakeItsAnswersIsLeftToTheApplicationsBackPressure() async throws {
        let site = try TestSite()
        let channel = try Self.channel(answering: Self.server(site))

        try channel.writeInbound(Self.head("/das?server=id"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        #expect(try Self.written(channel).hasPrefix("HTTP/1.1 200 OK\r\n"))

        // Past the high-water mark the request goes on, to a writer that waits for the client.
        channel.isWritable = false
        try channel.writeInbound(Self.head("/das?server=id"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try Self.written(channel) == "")
        #expect(try Self.target(channel.readInbound(as: HTTPRequestPart.self)) == "/das?server=id")
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        _ = try channel.finish()
    }

    @Test func afterAPassedOnRequestThatClosesTheConnectionNothingIsAnswered() async throws {
        let site = try TestSite()
        let channel = try Self.channel(answering: Self.server(site))
        try channel.writeInbound(Self.head("/das?server=logo", close: true))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try Self.target(channel.readInbound(as: HTTPRequestPart.self)) == "/das?server=logo")
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        // The application answers it; a request pipelined after it is not answered here.
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        _ = try Self.written(channel)
        try channel.writeInbound(Self.head("/das?server=id"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try Self.written(channel) == "")
        #expect(try Self.target(channel.readInbound(as: HTTPRequestPart.self)) == "/das?server=id")
        _ = try channel.finish()
    }

    @Test func answersKeepTheirReasonPhraseAndHeadAnswersHaveNoBody() async throws {
        let site = try TestSite()
        let channel = try Self.channel(answering: Self.server(site))
        // A renamed source: das2's own phrase, where SwiftNIO would write `Moved Permanently`.
        try channel.writeInbound(Self.head("/das?server=dsdf&dataset=Moved"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        let moved = try Self.written(channel)
        #expect(moved.hasPrefix("HTTP/1.1 301 Permanently moved\r\n"))
        #expect(moved.contains("\r\nLocation: "))

        let expected = try #require(Self.server(site).immediateResponse(to: Self.request("server=dsdf&dataset=Small")))
        let body = try #require(Self.bytes(expected.body))
        try channel.writeInbound(Self.head("/das?server=dsdf&dataset=Small", method: .HEAD))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        let headAnswer = try Self.written(channel)
        #expect(headAnswer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(headAnswer.contains("\r\nContent-Length: \(body.count)\r\n"))
        #expect(headAnswer.hasSuffix("\r\n\r\n"))

        try channel.writeInbound(Self.head("/das?server=dsdf&dataset=Small"))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        #expect(try Self.written(channel).hasSuffix("\r\n\r\n" + String(decoding: body, as: UTF8.self)))
        _ = try channel.finish()
    }

    // MARK: - Support

    /// A channel with the handlers of a das2 HTTP/1 connection between SwiftNIO's HTTP/1
    /// encoder and the application, mounted at `/das`: it takes request parts in HTTP/1 form
    /// and writes bytes.
    private static func channel(answering server: Das2Server, serverName: String? = nil) throws -> EmbeddedChannel {
        let noter = ReasonPhraseNoter()
        let restorer = ReasonPhraseRestorer(noter)
        let handler = ImmediateAnswerHandler(
            Das2ImmediateAnswers(server: server, mountPath: "/das", serverName: serverName), encoderInput: restorer,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            HTTPResponseEncoder(), restorer, HTTP1ToHTTPServerCodec(secure: false), noter, handler,
        ])
        return channel
    }

    private static func head(_ target: String, method: HTTPMethod = .GET, close: Bool = false) -> HTTPServerRequestPart {
        var headers: HTTPHeaders = ["Host": "localhost"]
        if close { headers.add(name: "Connection", value: "close") }
        return .head(HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers))
    }

    /// The target of a request head passed on to the application.
    private static func target(_ part: HTTPRequestPart?) -> String? {
        guard case .head(let head) = part else { return nil }
        return head.path
    }

    /// Everything written to the connection since the last call, as text.
    private static func written(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            text += buffer.readString(length: buffer.readableBytes) ?? ""
        }
        return text
    }

    /// Takes a close of the sending side as done, as a socket would, where an `EmbeddedChannel`
    /// closes altogether.
    private final class HalfClosingHandler: ChannelOutboundHandler, RemovableChannelHandler {
        typealias OutboundIn = Any

        func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            if mode == .output {
                promise?.succeed(())
            } else {
                context.close(mode: mode, promise: promise)
            }
        }
    }

    /// A host's channel handler: marks every response head it sees.
    private final class HeaderAddingHandler: ChannelOutboundHandler, RemovableChannelHandler {
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            guard case .head(var head) = unwrapOutboundIn(data) else {
                context.write(data, promise: promise)
                return
            }
            head.headerFields[HTTPField.Name("X-Host-Handler")!] = "seen"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        }
    }

    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// A server as a long-running front end makes it: request logs written in batches.
    private static func server(_ site: TestSite, batchesLogWrites: Bool = true) -> Das2Server {
        Das2Server(
            configurationPath: site.configurationPath, environment: ProcessInfo.processInfo.environment,
            logger: Logger(label: "immediate") { _ in SwiftLogNoOpLogHandler() }, batchesLogWrites: batchesLogWrites
        )
    }

    private static func request(_ query: String, pathInfo: String = "", method: String = "GET") -> Das2Request {
        Das2Request(
            method: method, queryString: query, pathInfo: pathInfo, scriptName: "/das", serverName: "localhost",
            serverPort: 80, remoteAddress: "127.0.0.1", headers: [("User-Agent", "test")]
        )
    }

    private static func bytes(_ body: Das2Response.Body) -> [UInt8]? {
        switch body {
        case .empty: []
        case .bytes(let bytes): bytes
        case .stream: nil
        }
    }

    /// The request-log entries of the site, each as its lines without the `[time pid n]` prefix
    /// and with the duration left out.
    private static func logEntries(_ site: TestSite) throws -> [[String]] {
        let directory = site.root + "/log"
        var entries: [[String]] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let message = String(line.drop { $0 != "]" }.dropFirst(2))
                if message == "Input" { entries.append([]) }
                entries[entries.count - 1].append(message.hasPrefix("Query handled without error") ? "handled" : message)
            }
        }
        return entries
    }

    /// Runs a Hummingbird application serving `site` under `/das` on a loopback port, with
    /// event-loop answers unless `immediate` is false; `body` gets a client and the number of
    /// requests the application's responder has seen so far.
    private func withApplication<T: Sendable>(
        _ site: TestSite, immediate: Bool = true, idleTimeout: TimeAmount? = nil,
        hostHandlers: @escaping @Sendable () -> [any RemovableChannelHandler] = { [] },
        _ body: @escaping @Sendable (HTTPClient, @Sendable () -> Int) async throws -> T
    ) async throws -> T {
        let server = Self.server(site)
        var quietLogger = Logger(label: "immediate-answer-test")
        quietLogger.logLevel = .critical
        let calls = Counter()
        let das2 = Das2MountResponder<Das2RequestContext>(server: server, mountPath: "/das")
        let responder = CallbackResponder<Das2RequestContext> { request, context in
            calls.value.add(1, ordering: .relaxed)
            return try await das2.respond(to: request, context: context)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            server: .das2HTTP1(
                configuration: HTTP1Channel.Configuration(additionalChannelHandlers: hostHandlers(), idleTimeout: idleTimeout),
                immediateAnswers: immediate ? Das2ImmediateAnswers(server: server, mountPath: "/das") : nil
            ),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: quietLogger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let client = HTTPClient(port: port, timeout: 10)
            let result = try await body(client) { calls.value.load(ordering: .relaxed) }
            group.cancelAll()
            return result
        }
    }
}
