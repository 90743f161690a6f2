import Das2Server
import HTTPTypes
import Hummingbird
import NIOCore

/// A ``Das2ResponseBodyWriter`` over Hummingbird's response body writer.
///
/// `write` returns when NIO's outbound writer accepts the buffer, which suspends while the
/// connection is not writable: that is the back-pressure the das2 server relies on to stall a
/// reader when the client is slow. When the client has gone, the write throws.
struct HummingbirdBodyWriter: Das2ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    /// The trailer fields to send with the end of the body.
    var trailers: HTTPFields?

    // Hummingbird is built without NonisolatedNonsendingByDefault, so its `write` runs on the
    // concurrent executor; matching that here avoids sending `inner` across isolation domains.
    @concurrent
    mutating func write(_ bytes: [UInt8]) async throws {
        try await inner.write(ByteBuffer(bytes: bytes))
    }

    mutating func setTrailers(_ fields: [(name: String, value: String)]) {
        var trailers = HTTPFields()
        for (name, value) in fields {
            guard let fieldName = HTTPField.Name(name) else { continue }
            trailers.append(HTTPField(name: fieldName, value: value))
        }
        self.trailers = trailers
    }
}
