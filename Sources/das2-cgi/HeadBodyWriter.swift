import Das2Server

/// The body writer a HEAD request gets: its first write throws, as if the client had hung
/// up, so the server stops (and cleans up) whatever it started to produce the body.
struct HeadBodyWriter: Das2ResponseBodyWriter {
    /// Thrown by the first write.
    struct BodyNotSent: Error {}

    mutating func write(_ bytes: [UInt8]) async throws {
        throw BodyNotSent()
    }
}
