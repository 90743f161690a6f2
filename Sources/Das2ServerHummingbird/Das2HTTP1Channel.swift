public import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with what a das2 server needs on top.
///
/// * Each response keeps its own reason phrase. Hummingbird converts responses to SwiftNIO's
///   HTTP/1 types, which replace the phrase of every status code SwiftNIO knows with its
///   standard one; das2 answers carry their own (`501 Internal Server Error` for an
///   authorization error as the reference server writes it, `301 Permanently moved`, HAPI's
///   `404 Not Found; HAPI 1406 Bad request - unknown dataset id`, hapi.md §2.3).
/// * A client that hangs up, or closes its side of the connection, is noticed at once
///   (``ClientDepartureHandler``), so a data query's silent reader is stopped then.
/// * Optionally, the requests of ``Das2ImmediateAnswers`` are answered on the event loop
///   (``ImmediateAnswerHandler``).
/// * Request heads are converted to HTTP types without a `URLComponents` parse of the usual
///   origin-form target (``OriginFormHTTP1Codec`` in place of Hummingbird's codec).
struct Das2HTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let immediateAnswers: Das2ImmediateAnswers?
    /// Whether the host's configuration adds channel handlers between the HTTP conversion and
    /// the application: answers on the event loop must then pass them.
    let hasHostHandlers: Bool

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let codec = OriginFormHTTP1Codec()
            let hummingbirdCodec = try operations.handler(type: HTTP1ToHTTPServerCodec.self)
            try operations.addHandler(codec, position: .after(hummingbirdCodec))
            operations.removeHandler(hummingbirdCodec, promise: nil)
            let noter = ReasonPhraseNoter()
            try operations.addHandler(noter, position: .after(codec))
            let restorer = ReasonPhraseRestorer(noter)
            try operations.addHandler(restorer, position: .after(operations.handler(type: HTTPResponseEncoder.self)))
            if let immediateAnswers {
                // Behind Hummingbird's connection-state handler, so that its idle timeout and
                // graceful shutdown see the requests answered here too.
                try operations.addHandler(
                    ImmediateAnswerHandler(immediateAnswers, encoderInput: hasHostHandlers ? nil : restorer, logger: logger),
                    position: .after(operations.handler(type: HTTPConnectionStateHandler.self))
                )
            }
            try operations.addHandler(ClientDepartureHandler(), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// An HTTP/1.1 server as das2 needs it; `das2-server` uses it.
    ///
    /// The same as `.http1(configuration:)`, with these additions:
    /// * a response's reason phrase reaches the client as the responder wrote it, also for
    ///   status codes with a standard phrase (das2 and HAPI answers carry their own);
    /// * the das2 routes learn at once when a client hangs up or closes its side of the
    ///   connection, and stop the readers of its data query even while they are silent
    ///   (with a request context conforming to ``ConnectionRequestContext``);
    /// * with `immediateAnswers`, the das2 catalog queries are answered on the connection's
    ///   event loop without passing through the application (see ``Das2ImmediateAnswers``).
    ///
    /// ```swift
    /// let app = Application(router: router, server: .das2HTTP1())
    /// ```
    /// - Parameters:
    ///   - configuration: Hummingbird's HTTP/1.1 settings.
    ///   - immediateAnswers: the das2 server whose catalog queries are answered on the event
    ///     loop, nil for none.
    public static func das2HTTP1(
        configuration: HTTP1Channel.Configuration = .init(), immediateAnswers: Das2ImmediateAnswers? = nil
    ) -> HTTPServerBuilder {
        let hasHostHandlers = !configuration.additionalChannelHandlers().isEmpty
        return HTTPServerBuilder { responder in
            Das2HTTP1Channel(
                base: HTTP1Channel(responder: responder, configuration: configuration), immediateAnswers: immediateAnswers,
                hasHostHandlers: hasHostHandlers
            )
        }
    }
}
