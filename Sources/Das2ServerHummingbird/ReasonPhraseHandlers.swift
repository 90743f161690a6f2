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
///
/// It sits right behind SwiftNIO's HTTP/1 encoder, so it is also where parts already in
/// HTTP/1 form enter the encoder (``writeToEncoder(_:)``).
final class ReasonPhraseRestorer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let noter: ReasonPhraseNoter
    /// This handler's place in the pipeline, while it is in one.
    private var context: ChannelHandlerContext?

    init(_ noter: ReasonPhraseNoter) {
        self.noter = noter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Writes a response part straight to the encoder, past the conversion from HTTP types
    /// and the handlers in front of it; on the channel's event loop. The das2 handlers leave
    /// the pipeline only when the channel has closed (das2 connections are not upgraded), so a
    /// part written after that is dropped.
    func writeToEncoder(_ part: HTTPServerResponsePart) {
        context?.write(wrapOutboundOut(part), promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), let phrase = noter.pendingPhrase else {
            context.write(data, promise: promise)
            return
        }
        noter.pendingPhrase = nil
        if let restored = Self.restored(head.status, phrase: phrase) {
            head.status = restored
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        } else {
            context.write(data, promise: promise)
        }
    }

    /// `status` with the answer's own `phrase`, nil when it already has it (or the phrase is
    /// empty, which leaves SwiftNIO's).
    static func restored(_ status: HTTPResponseStatus, phrase: String) -> HTTPResponseStatus? {
        guard !phrase.isEmpty, phrase != status.reasonPhrase else { return nil }
        return .custom(code: status.code, reasonPhrase: phrase)
    }
}
