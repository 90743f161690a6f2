import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// The reason phrase of the response head on its way through the conversion to SwiftNIO's
/// HTTP/1 types. Both handlers run on the connection's event loop, and the conversion passes a
/// head on synchronously, so one slot is enough.
final class PendingReasonPhrase {
    var phrase: String?
}

/// Notes the reason phrase of each response head before SwiftNIO's types lose it.
final class ReasonPhraseNoter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let pending: PendingReasonPhrase

    init(_ pending: PendingReasonPhrase) {
        self.pending = pending
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(let head) = unwrapOutboundIn(data) {
            pending.phrase = head.status.reasonPhrase
        }
        context.write(data, promise: promise)
    }
}

/// Puts the noted reason phrase back into the HTTP/1 response head.
final class ReasonPhraseRestorer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let pending: PendingReasonPhrase

    init(_ pending: PendingReasonPhrase) {
        self.pending = pending
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), let phrase = pending.phrase else {
            context.write(data, promise: promise)
            return
        }
        pending.phrase = nil
        if !phrase.isEmpty, phrase != head.status.reasonPhrase {
            head.status = .custom(code: head.status.code, reasonPhrase: phrase)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        } else {
            context.write(data, promise: promise)
        }
    }
}
