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
import NIOHTTP1
import NIOHTTPTypes

/// Answers on the event loop the requests ``Das2ImmediateAnswers`` describes, and passes every
/// other request on to the application unchanged.
///
/// It sits right in front of the application's channel, behind Hummingbird's HTTP/1 conversion
/// and connection-state handler, so it sees whole request parts and each response the
/// application writes. Its answers' head and body, already in HTTP/1 form, go straight to
/// SwiftNIO's encoder (so that it frames them, HEAD included, in order with the application's
/// answers); their end passes the handlers in front of this one, so that the connection-state
/// handler sees each request answered. When the host added channel handlers of its own, whole
/// answers pass them instead, as the application's do.
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
    /// Where answers in HTTP/1 form enter the encoder; nil when the host's channel handlers
    /// sit in between, which then see these answers as they see the application's.
    private let encoderInput: ReasonPhraseRestorer?

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
    /// Parts were passed on since the end of the last read.
    private var forwardedReads = false
    /// The `Date` value, made once a second as Hummingbird's date cache does.
    private var date: (second: Int, text: String) = (-1, "")
    /// The client's IP address, the same for every request of the connection.
    private var remoteAddress: String?
    /// The last `Host` value and the name and port in it: a connection's requests name the
    /// same host.
    private var lastServer: (authority: String, server: (name: String?, port: Int?))?

    init(_ answers: Das2ImmediateAnswers, encoderInput: ReasonPhraseRestorer?, logger: Logger) {
        server = answers.server
        mount = MountPath(answers.mountPath)
        requestLogLevel = answers.requestLogLevel
        // Legalized once, as `HTTPFields` would legalize it per answer.
        serverName = answers.serverName.map { HTTPField(name: .server, value: $0).value }
        self.encoderInput = encoderInput
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else {
            // Nothing more is answered on a connection asked to close. The connection-state
            // handler counted the request, so its end is written for it, to nowhere: with the
            // count back at zero, its idle timeout and graceful shutdown close the connection
            // even if the client keeps its side open.
            if case .head = unwrapInboundIn(data) { context.write(wrapOutboundOut(.end(nil)), promise: nil) }
            return
        }
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
        forwardedReads = true
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        // The application's channel hands what it was given on at the end of a read; after
        // reads all answered here it has nothing, and looking cost a microsecond per request.
        if forwardedReads {
            forwardedReads = false
            context.fireChannelReadComplete()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), passedOn > 0 { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    private func passOn(_ head: HTTPRequest, context: ChannelHandlerContext) {
        notePassedOn(head)
        forwardedReads = true
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
        // Only targets in origin form (`/path?query`), split as Hummingbird's `URI` splits them;
        // the rare other forms go to the application.
        guard let target = head.path, target.utf8.first == UInt8(ascii: "/") else { return false }
        let (path, query) = Self.pathAndQuery(target)
        // Only the mount path itself, where das2 clients send their `?server=` queries: below
        // it, a host application's router may have routes of its own.
        guard let match = mount.match(path), match.catchAll == nil else { return false }
        let das2Request = Das2Request(
            head, path: path, query: query, catchAll: nil, server: server(head.authority, context: context),
            remoteAddress: remoteAddress(context)
        )
        guard let answer = server.immediateResponse(to: das2Request) else { return false }
        if let requestLogLevel { logRequest(head, target: target, level: requestLogLevel) }

        let body: [UInt8]
        switch answer.body {
        case .empty: body = []
        case .bytes(let bytes): body = bytes
        case .stream: preconditionFailure("Das2Server.immediateResponse answers with complete bodies")
        }
        // The fields in Hummingbird's order: the answer's, its length, the date, the server.
        var headers = answer.http1Headers(extra: 3, logger: logger)
        if !headers.contains(where: { $0.0.equalsBytesIgnoringASCIICase("Content-Length") }) {
            headers.append(("Content-Length", String(body.count)))
        }
        Self.set("Date", to: dateText(), in: &headers)
        if let serverName { Self.set("Server", to: serverName, in: &headers) }
        // HTTP types check the code and legalize the phrase, as for the application's answers.
        let status = HTTPResponse.Status(code: answer.status, reasonPhrase: answer.reason)
        if let encoderInput {
            // The phrase as given, as the reason-phrase handlers keep it for the application.
            let converted = HTTPResponseStatus(statusCode: status.code, reasonPhrase: status.reasonPhrase)
            let http1Status = ReasonPhraseRestorer.restored(converted, phrase: status.reasonPhrase) ?? converted
            encoderInput.writeToEncoder(.head(HTTPResponseHead(version: .http1_1, status: http1Status, headers: HTTPHeaders(headers))))
            if head.method != .head, !body.isEmpty {
                encoderInput.writeToEncoder(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body))))
            }
        } else {
            // Every name was checked above.
            let fields = HTTPFields(headers.map { HTTPField(name: HTTPField.Name($0.0)!, value: $0.1) })
            context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
            if head.method != .head, !body.isEmpty {
                context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
            }
        }
        if Self.asksToClose(head) {
            // As Hummingbird ends such a connection: its sending side, then the client closes.
            closing = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(mode: .output, promise: nil) }
        } else {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            needsFlush = true
        }
        return true
    }

    /// Sets a field as `HTTPFields` sets one: the first of that name gets the value and the
    /// others go; without one it is appended.
    private static func set(_ name: String, to value: String, in headers: inout [(String, String)]) {
        guard let first = headers.firstIndex(where: { $0.0.equalsBytesIgnoringASCIICase(name) }) else {
            headers.append((name, value))
            return
        }
        headers[first].1 = value
        var index = headers.index(after: first)
        while index < headers.endIndex {
            if headers[index].0.equalsBytesIgnoringASCIICase(name) { headers.remove(at: index) } else { index += 1 }
        }
    }

    /// The path and query of an origin-form target: the path up to the first `?`, the query
    /// after it up to a `#` (empty when there is no `?`).
    static func pathAndQuery(_ target: String) -> (path: String, query: String) {
        let bytes = target.utf8
        guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return (target, "") }
        let afterQuestion = bytes.index(after: question)
        let queryEnd = bytes[afterQuestion...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        return (String(target[..<question]), String(target[afterQuestion..<queryEnd]))
    }

    private func remoteAddress(_ context: ChannelHandlerContext) -> String {
        if let remoteAddress { return remoteAddress }
        let address = context.channel.remoteAddress?.ipAddress ?? ""
        remoteAddress = address
        return address
    }

    private func server(_ authority: String?, context: ChannelHandlerContext) -> (name: String?, port: Int?) {
        guard let authority else { return Das2Request.server(authority: nil, localAddress: context.channel.localAddress) }
        if let lastServer, lastServer.authority.equalsBytes(authority) { return lastServer.server }
        let server = Das2Request.server(authority: authority, localAddress: nil)
        lastServer = (authority, server)
        return server
    }

    /// The line `LogRequestsMiddleware` writes, with a request id as Hummingbird's request
    /// logger carries it.
    private func logRequest(_ head: HTTPRequest, target: String, level: Logger.Level) {
        guard logger.logLevel <= level else { return }
        var logger = logger
        logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
        logger.log(level: level, "Request", metadata: ["hb.request.path": .string(target), "hb.request.method": .string(head.method.rawValue)])
    }

    private func dateText() -> String {
        let now = time(nil)
        if Int(now) != date.second { date = (Int(now), HTTPDate.text(posixSeconds: Int64(now))) }
        return date.text
    }
}
