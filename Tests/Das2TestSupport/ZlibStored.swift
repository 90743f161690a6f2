/// zlib (RFC 1950) streams made of stored deflate blocks (RFC 1951 §3.2.4), so tests can build
/// `compression="deflate"` streams byte by byte, and break them at known places, without
/// linking zlib.
public enum ZlibStored {
    /// The two-byte zlib header: deflate, 32 KiB window, no dictionary, check bits valid.
    public static let header: [UInt8] = [0x78, 0x01]

    /// A block header whose type is the reserved value 3: inflate must reject it.
    public static let invalidBlock: [UInt8] = [0x07, 0x00, 0x00, 0xFF, 0xFF]

    /// A complete zlib stream holding `data` in stored blocks of at most `blockSize` bytes.
    public static func compress(_ data: [UInt8], blockSize: Int = 65_535) -> [UInt8] {
        header + blocks(data, blockSize: blockSize, final: true) + trailer(data)
    }

    /// Stored blocks holding `data`; the last one is marked final when `final` is true.
    public static func blocks(_ data: [UInt8], blockSize: Int = 65_535, final: Bool) -> [UInt8] {
        precondition((1...65_535).contains(blockSize), "stored blocks hold 1 to 65535 bytes")
        var output: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + blockSize, data.count)
            let isLast = end == data.count
            let length = UInt16(end - start)
            output.append(final && isLast ? 0x01 : 0x00)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += data[start..<end]
            start = end
        } while start < data.count
        return output
    }

    /// The four-byte Adler-32 trailer of `data`, big-endian.
    public static func trailer(_ data: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let sum = b << 16 | a
        return [UInt8(sum >> 24), UInt8((sum >> 16) & 0xFF), UInt8((sum >> 8) & 0xFF), UInt8(sum & 0xFF)]
    }
}
