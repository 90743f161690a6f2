import CZlib

/// Incremental zlib (RFC 1950) decompression for `compression="deflate"` streams.
///
/// zlib keeps a pointer back to its `z_stream`, so the stream lives in its own allocation.
/// Owned by exactly one noncopyable reader, hence the unchecked Sendable.
final class Inflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed bytes not yet fed to zlib.
    private var pending: [UInt8] = []
    private var pendingIndex = 0
    /// Whether zlib reported the end of the compressed stream.
    private(set) var isAtEnd = false

    init() throws(Das2StreamError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard das2kit_inflateInit(stream) == Z_OK else {
            stream.deallocate()
            throw Das2StreamError(.compression, "couldn't initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Whether compressed input is waiting.
    var hasPendingInput: Bool { pendingIndex < pending.count }

    func append(_ bytes: UnsafeRawBufferPointer) {
        if pendingIndex > 0 && pendingIndex == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// Inflates pending input, appending at most about `limit` bytes to `output`. Bytes after
    /// the end of the zlib stream stay pending for the caller to report.
    /// - Returns: the number of bytes produced.
    func inflate(into output: inout [UInt8], limit: Int) throws(Das2StreamError) -> Int {
        guard hasPendingInput, !isAtEnd else { return 0 }
        let chunk = max(limit, 4096)
        let oldCount = output.count
        output.reserveCapacity(oldCount + chunk)
        var produced = 0
        var status: Int32 = Z_OK
        pending.withUnsafeMutableBytes { input in
            var scratch = [UInt8](repeating: 0, count: chunk)
            scratch.withUnsafeMutableBytes { out in
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self) + pendingIndex
                stream.pointee.avail_in = uInt(input.count - pendingIndex)
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(chunk)
                status = CZlib.inflate(stream, Z_NO_FLUSH)
                produced = chunk - Int(stream.pointee.avail_out)
                pendingIndex = input.count - Int(stream.pointee.avail_in)
            }
            output.append(contentsOf: scratch[0..<produced])
        }
        switch status {
        case Z_OK, Z_BUF_ERROR:
            break
        case Z_STREAM_END:
            isAtEnd = true
        default:
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw Das2StreamError(.compression, "The compressed part of the stream is corrupt: \(detail)")
        }
        return produced
    }
}
