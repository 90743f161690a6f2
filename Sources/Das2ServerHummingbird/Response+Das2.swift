import Das2Server
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

extension Response {
    /// The Hummingbird response for a das2 server answer: status and reason, the headers in
    /// order, and the body (streamed for `.stream`).
    ///
    /// - Parameters:
    ///   - answer: what the das2 server answered.
    ///   - includeBody: false for HEAD: the status and headers are sent with the framing
    ///     headers a GET would carry, and a streamed body is stopped at its first write (the
    ///     server sees a client that hung up and cleans up).
    ///   - logger: receives one line per header name HTTP cannot carry (dropped).
    init(_ answer: Das2Response, includeBody: Bool, logger: Logger) {
        let fields = HTTPFields(das2Headers: answer.headers, logger: logger)
        let status = HTTPResponse.Status(code: answer.status, reasonPhrase: answer.reason)
        let body: ResponseBody
        switch answer.body {
        case .empty:
            body = includeBody ? ResponseBody() : Self.headBody(contentLength: 0)
        case .bytes(let bytes):
            body = includeBody ? ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)) : Self.headBody(contentLength: bytes.count)
        case .stream(let produce):
            body = includeBody ? Self.streamBody(produce) : Self.headBody(contentLength: nil, stopping: produce)
        }
        self.init(status: status, headers: fields, body: body)
    }

    /// A body that only ends the response; its length sets `Content-Length` like the GET body
    /// would have (nil: none, the GET would be chunked). A stream given as `produce` is run
    /// with a ``HeadBodyWriter`` first, so it stops at once.
    private static func headBody(
        contentLength: Int?,
        stopping produce: (@Sendable (inout any Das2ResponseBodyWriter) async throws -> Void)? = nil
    ) -> ResponseBody {
        ResponseBody(contentLength: contentLength) { writer in
            if let produce {
                var stopper: any Das2ResponseBodyWriter = HeadBodyWriter()
                // Failing is the expected outcome: the body is not wanted.
                try? await produce(&stopper)
            }
            try await writer.finish(nil)
        }
    }

    private static func streamBody(
        _ produce: @escaping @Sendable (inout any Das2ResponseBodyWriter) async throws -> Void
    ) -> ResponseBody {
        ResponseBody { writer in
            var das2Writer: any Das2ResponseBodyWriter = HummingbirdBodyWriter(inner: writer)
            // A body that throws (the client left, or Das2ResponseAbort) ends here without the
            // end of the body: Hummingbird closes the connection, and a chunked body lacks its
            // terminating chunk, so the client sees it incomplete.
            try await produce(&das2Writer)
            // Finish through the writer the body went through: middleware writers keep state.
            let used = das2Writer as? HummingbirdBodyWriter
            try await (used?.inner ?? writer).finish(used?.trailers)
        }
    }
}
