/// `%XX` decoding of URL parts, shared by the query parser and the HTTP front end's `PATH_INFO`.
package enum PercentDecoding {
    /// The text of `bytes` with each `%XX` (two hex digits) replaced by its byte, and `+` by a
    /// space when `plusAsSpace` (query strings; a path keeps its `+`). A `%` without two hex
    /// digits stays as it is; invalid UTF-8 becomes U+FFFD.
    package static func string(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> String {
        // Callers in other modules get this generic function unspecialized: the bytes are
        // decoded from contiguous memory, not through the collection's witness table per byte
        // (that cost a `server=list` request about 7 % of its CPU time).
        withContiguousBytes(bytes) { string($0, plusAsSpace: plusAsSpace) }
    }

    /// ``string(_:plusAsSpace:)`` for bytes in memory, which the hot callers have: even the
    /// generic entry's check for contiguous storage looked up type metadata on every call.
    package static func string(_ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> String {
        // Most parts need no decoding: no intermediate array for them.
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: decoded(bytes, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// The decoded bytes, for callers that must reject invalid UTF-8.
    package static func decodedBytes(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> [UInt8] {
        withContiguousBytes(bytes) { decoded($0, plusAsSpace: plusAsSpace) }
    }

    private static func withContiguousBytes<Result>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    private static func decoded(_ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if plusAsSpace, byte == UInt8(ascii: "+") {
                result.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let value = hexValue(bytes[index + 1], bytes[index + 2]) {
                result.append(value)
                index += 2
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }
}
