import Das2Stream

/// Hands a writer's bytes to the caller in chunks of at most ``limit`` bytes as the stream is
/// produced, so a reader's memory does not grow with the length of the request.
enum ChunkedOutput {
    /// The largest chunk handed to the output closure.
    static let limit = 64 * 1024

    /// Passes the buffered bytes on when a packet of `packetSize` bytes would not fit the chunk.
    @inline(__always)
    static func makeRoom(
        for packetSize: Int,
        in writer: inout Das2StreamWriter,
        output: (borrowing [UInt8]) -> Void
    ) {
        if writer.bufferedByteCount + packetSize > limit { output(writer.takeOutput()) }
    }

    /// Passes the buffered bytes on when a packet of `packetSize` bytes would not fit the chunk.
    @inline(__always)
    static func makeRoom(
        for packetSize: Int,
        in writer: inout QStreamWriter,
        output: (borrowing [UInt8]) -> Void
    ) {
        if writer.bufferedByteCount + packetSize > limit { output(writer.takeOutput()) }
    }

    /// Ends a das2 stream and passes on what is left.
    static func finish(_ writer: inout Das2StreamWriter, output: (borrowing [UInt8]) -> Void) {
        writer.finish()
        let rest = writer.takeOutput()
        if !rest.isEmpty { output(rest) }
    }

    /// Passes on what is left of a QStream.
    static func finish(_ writer: inout QStreamWriter, output: (borrowing [UInt8]) -> Void) {
        let rest = writer.takeOutput()
        if !rest.isEmpty { output(rest) }
    }
}
