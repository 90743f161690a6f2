import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Notes the reason phrase of each response head before the conversion to SwiftNIO's HTTP/1
/// types loses it.
final class ReasonPhraseNoter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The phrase of the head on its way through the conversion. Both handlers run on the
    /// connection's event loop and the conversion passes a head on synchronously, so one slot
    /// is enough.
    var pendingPhrase: String?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(let head) = unwrapOutboundIn(data) {
            pendingPhrase = head.status.reasonPhrase
        }
        context.write(data, promise: promise)
    }
}

/// Puts the phrase the noter saw back into the HTTP/1 response head.
final class ReasonPhraseRestorer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let noter: ReasonPhraseNoter

    init(_ noter: ReasonPhraseNoter) {
        self.noter = noter
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), let phrase = noter.pendingPhrase else {
            context.write(data, promise: promise)
            return
        }
        noter.pendingPhrase = nil
        if !phrase.isEmpty, phrase != head.status.reasonPhrase {
            head.status = .custom(code: head.status.code, reasonPhrase: phrase)
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        } else {
            context.write(data, promise: promise)
        }
    }
}
