import Das2ServerHummingbird
import Das2TestSupport
import HTTPTypes
import Hummingbird
import Logging
import Testing

/// `HTTPServerBuilder.das2HTTP1()` on a real socket: SwiftNIO alone would send
/// `Moved Permanently` and `Not Found` for these codes.
struct ReasonPhraseTests {
    @Test func responsesKeepTheirOwnReasonPhrasesOverHTTP() async throws {
        let answers: [(path: String, status: HTTPResponse.Status)] = [
            ("moved", .init(code: 301, reasonPhrase: "Permanently moved")),
            ("hapi", .init(code: 404, reasonPhrase: "Not Found; HAPI 1406 Bad request - unknown dataset id")),
            ("refused", .init(code: 501, reasonPhrase: "Internal Server Error")),
            ("standard", .ok),
        ]
        let router = Router()
        for (path, status) in answers {
            for method in [HTTPRequest.Method.get, .head] {
                router.on(RouterPath(path), method: method) { _, _ in Response(status: status) }
            }
        }

        try await withRunningApplication(router) { client in
            let expected = [
                ("/moved", 301, "Permanently moved"),
                ("/hapi", 404, "Not Found; HAPI 1406 Bad request - unknown dataset id"),
                ("/refused", 501, "Internal Server Error"),
                ("/standard", 200, "OK"),
            ]
            for (path, status, reason) in expected {
                for method in ["GET", "HEAD"] {
                    let response = try client.request(path, method: method)
                    #expect(response.status == status && response.reason == reason, "\(method) \(path): \(response.status) \(response.reason)")
                }
            }
        }
    }

    /// Runs `router` on an ephemeral loopback port with the builder under test while `body` runs.
    private func withRunningApplication(
        _ router: Router<BasicRequestContext>, _ body: @escaping @Sendable (HTTPClient) async throws -> Void
    ) async throws {
        var quietLogger = Logger(label: "reason-phrase-test")
        quietLogger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .das2HTTP1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: quietLogger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(HTTPClient(port: port))
            group.cancelAll()
        }
    }
}
