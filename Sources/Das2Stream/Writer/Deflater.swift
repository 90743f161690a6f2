import CZlib

/// Incremental zlib compression of everything a writer emits after a `deflate` stream header.
///
/// Owned by exactly one noncopyable writer, hence the unchecked Sendable.
final class Deflater: @unchecked Sendable {
    private let stream: UnsafeMutablePointer<z_stream>

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = das2kit_deflateInit(stream, Z_DEFAULT_COMPRESSION)
        precondition(status == Z_OK, "zlib deflateInit failed with \(status)")
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input`, appending compressed bytes to `output`; `finish` ends the zlib stream.
    func deflate(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], finish: Bool) {
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        while true {
            var status: Int32 = Z_OK
            var produced = 0
            scratch.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(out.count)
                status = CZlib.deflate(stream, flush)
                produced = out.count - Int(stream.pointee.avail_out)
            }
            output.append(contentsOf: scratch[0..<produced])
            if finish {
                if status == Z_STREAM_END { break }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                break
            }
            precondition(status == Z_OK || status == Z_BUF_ERROR || status == Z_STREAM_END, "zlib deflate failed with \(status)")
        }
    }
}
