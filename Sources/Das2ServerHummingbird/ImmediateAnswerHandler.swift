#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Server
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers on the event loop the requests ``Das2ImmediateAnswers`` describes, and passes every
/// other request on to the application unchanged.
///
/// It sits right in front of the application's channel, behind Hummingbird's HTTP/1 conversion
/// and connection-state handler, so it sees whole request parts and each response the
/// application writes, and its own answers pass through the handlers in front of it.
final class ImmediateAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let server: Das2Server
    private let mount: MountPath
    private let requestLogLevel: Logger.Level?
    private let serverName: String?
    private let logger: Logger

    /// Requests passed on whose response has not ended. While there are any, later requests
    /// are passed on too: the application answers in order, this handler would answer at once.
    private var passedOn = 0
    /// A GET or HEAD this handler may answer, waiting for its end.
    private var held: HTTPRequest?
    /// A request answered here asked to close the connection: what follows it is not read.
    private var closing = false
    /// A request passed on asked to close the connection: the application answers it last,
    /// and what follows is its business too (it reads no further).
    private var passingOnToTheEnd = false
    private var needsFlush = false
    /// The `Date` value, made once a second as Hummingbird's date cache does.
    private var date: (second: Int, text: String) = (-1, "")

    init(_ answers: Das2ImmediateAnswers, logger: Logger) {
        server = answers.server
        mount = MountPath(answers.mountPath)
        requestLogLevel = answers.requestLogLevel
        serverName = answers.serverName
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            if passedOn == 0, !passingOnToTheEnd, head.method == .get || head.method == .head {
                held = head
                return
            }
            notePassedOn(head)
        case .body:
            // A request with a body is the application's.
            if let head = held {
                held = nil
                passOn(head, context: context)
            }
        case .end:
            if let head = held {
                held = nil
                if hasRoom(context), answer(head, context: context) { return }
                passOn(head, context: context)
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), passedOn > 0 { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    private func passOn(_ head: HTTPRequest, context: ChannelHandlerContext) {
        notePassedOn(head)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    private func notePassedOn(_ head: HTTPRequest) {
        passedOn += 1
        if Self.asksToClose(head) { passingOnToTheEnd = true }
    }

    /// Whether answers written here still go out: past the channel's high-water mark (a
    /// client pipelining requests faster than it reads the answers) the connection's requests
    /// go to the application, whose writer waits for the client and whose inbound buffer stops
    /// the reading of more, so nothing piles up here.
    private func hasRoom(_ context: ChannelHandlerContext) -> Bool {
        if context.channel.isWritable { return true }
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        return context.channel.isWritable
    }

    private static func asksToClose(_ head: HTTPRequest) -> Bool {
        head.headerFields[.connection]?.equalsBytesIgnoringASCIICase("close") ?? false
    }

    /// Writes the das2 server's immediate answer to `head`, if it has one.
    private func answer(_ head: HTTPRequest, context: ChannelHandlerContext) -> Bool {
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer()))
        // Only the mount path itself, where das2 clients send their `?server=` queries: below
        // it, a host application's router may have routes of its own.
        guard let match = mount.match(request.uri.path), match.catchAll == nil else { return false }
        let channel = context.channel
        let das2Request = Das2Request(
            request, catchAll: nil, remoteAddress: channel.remoteAddress, localAddress: channel.localAddress
        )
        guard let answer = server.immediateResponse(to: das2Request) else { return false }
        if let requestLogLevel { logRequest(request, level: requestLogLevel) }

        let body: [UInt8]
        switch answer.body {
        case .empty: body = []
        case .bytes(let bytes): body = bytes
        case .stream: preconditionFailure("Das2Server.immediateResponse answers with complete bodies")
        }
        // The fields in Hummingbird's order: the answer's, its length, the date, the server.
        var fields = HTTPFields(das2Headers: answer.headers, logger: logger)
        if !fields.contains(.contentLength) { fields[.contentLength] = String(body.count) }
        fields[.date] = dateText()
        if let serverName { fields[.server] = serverName }
        let status = HTTPResponse.Status(code: answer.status, reasonPhrase: answer.reason)
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        if head.method != .head, !body.isEmpty {
            context.write(wrapOutboundOut(.body(channel.allocator.buffer(bytes: body))), promise: nil)
        }
        if Self.asksToClose(head) {
            // As Hummingbird ends such a connection: its sending side, then the client closes.
            closing = true
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(mode: .output, promise: nil) }
        } else {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            needsFlush = true
        }
        return true
    }

    /// The line `LogRequestsMiddleware` writes, with a request id as Hummingbird's request
    /// logger carries it.
    private func logRequest(_ request: Request, level: Logger.Level) {
        guard logger.logLevel <= level else { return }
        var logger = logger
        logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
        logger.log(
            level: level, "Request",
            metadata: ["hb.request.path": .stringConvertible(request.uri), "hb.request.method": .string(request.method.rawValue)]
        )
    }

    private func dateText() -> String {
        let now = time(nil)
        if Int(now) != date.second { date = (Int(now), HTTPDate.text(posixSeconds: Int64(now))) }
        return date.text
    }
}
