#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

// What Hummingbird, SwiftNIO and the kernel cost per request on this machine, without das2kit:
// the ceiling `das2-server`'s requests/s is compared with (Docs/benchmarks.md §3).
//
//   HummingbirdBaseline PORT          a `**` route behind `LogRequestsMiddleware`, a context
//                                     reading the peer address, and a constant answer with the
//                                     four headers of the bundled site's `?server=list` and a
//                                     body of about its size (406 bytes against 451): the same
//                                     HTTP shape without das2 work
//   HummingbirdBaseline PORT hello    one route answering "hello"
//   HummingbirdBaseline PORT direct   the same answer as the first, written by a channel handler
//                                     on the connection's event loop (no task, no responder):
//                                     the ceiling of das2-server's immediate answers
//
// Prints the URL once listening. Run it and das2-server side by side and alternate wrk between
// them (Benchmarks/alternate.sh), as the VM's speed drifts within minutes.

struct PeerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let port = Int(arguments[1]) else {
    let usage = Array("usage: HummingbirdBaseline PORT [hello|direct]\n".utf8)
    _ = write(STDERR_FILENO, usage, usage.count)
    exit(2)
}
let hello = arguments.count > 2 && arguments[2] == "hello"
let direct = arguments.count > 2 && arguments[2] == "direct"

let listBody = ByteBuffer(bytes: Array(String(repeating: "Examples/Random|Produce random values between -10 and +10\n", count: 7).utf8))
let listHeaders: [(String, String)] = [
    ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Methods", "GET"),
    ("Access-Control-Allow-Headers", "Content-Type"), ("Content-Type", "text/plain; charset=utf-8"),
]

let router = Router(context: PeerContext.self)
if hello {
    router.get("/") { _, _ in "hello" }
} else {
    router.add(middleware: LogRequestsMiddleware(.info))
    let answer: @Sendable (Request, PeerContext) -> Response = { _, context in
        _ = context.channel.remoteAddress?.ipAddress
        var fields = HTTPFields()
        for (name, value) in listHeaders { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return Response(status: .init(code: 200, reasonPhrase: "OK"), headers: fields, body: .init(byteBuffer: listBody))
    }
    router.get("") { request, context in answer(request, context) }
    router.get("**") { request, context in answer(request, context) }
}
/// Answers every request on the event loop when its end arrives, as das2-server's immediate
/// answers do, without any das2 work.
final class DirectAnswer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        _ = context.channel.remoteAddress?.ipAddress
        var fields = HTTPFields()
        for (name, value) in listHeaders { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        fields[.contentLength] = String(listBody.readableBytes)
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(listBody)), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
    }
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }
}
var logger = Logger(label: "baseline")
logger.logLevel = .error
let app = Application(
    router: router,
    server: direct ? .http1(configuration: .init(additionalChannelHandlers: [DirectAnswer()])) : .http1(),
    configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { channel in
        let url = Array("http://127.0.0.1:\(channel.localAddress?.port ?? port)/\n".utf8)
        _ = write(STDOUT_FILENO, url, url.count)
    },
    logger: logger
)
try await app.runService()
