/// The kind of stream a producer (for example a server reader) emits: das2.2 or QStream.
///
/// Both formats start with a `[00]` packet; its `<stream>` element decides
/// (stream-qstream.md §1.1): a `dataset_id` attribute means QStream, its absence das2.2.
public enum StreamFormat: Hashable, Sendable {
    /// A das2.2 stream (``Das2StreamReader``).
    case das2
    /// A QStream (``QStreamReader``).
    case qstream
    /// Neither: the bytes do not start like a das2 stream or QStream.
    case unknown

    /// Detects the format from the first bytes of a stream.
    ///
    /// Leading `[xx]` packets (an exception or comments sent before any header) are skipped;
    /// the first `[00]` decides. A `[00]` whose root is `<exception>` (das2-pyserver's error
    /// response) reads as das2.2.
    ///
    /// - Parameters:
    ///   - prefix: The bytes received so far, from the start of the stream.
    ///   - isComplete: Whether `prefix` is the whole stream. A complete stream holding only
    ///     `[xx]` packets is readable by both readers and is reported as `.das2`.
    /// - Returns: The format, or `nil` when more bytes are needed to decide.
    public static func detect(_ prefix: UnsafeRawBufferPointer, isComplete: Bool = false) -> StreamFormat? {
        var index = 0
        while true {
            let available = prefix.count - index
            if available == 0 && isComplete {
                return index == 0 ? .unknown : .das2
            }
            guard available >= 10 else {
                return isComplete || !isPlausiblePrefix(prefix, from: index) ? .unknown : nil
            }
            guard prefix[index] == UInt8(ascii: "["), prefix[index + 3] == UInt8(ascii: "]"),
                let length = length(prefix, at: index + 4)
            else {
                return .unknown
            }
            let isOutOfBand = (prefix[index + 1] | 0x20) == UInt8(ascii: "x") && (prefix[index + 2] | 0x20) == UInt8(ascii: "x")
            let isStream = prefix[index + 1] == UInt8(ascii: "0") && prefix[index + 2] == UInt8(ascii: "0")
            guard isOutOfBand || isStream else { return .unknown }
            guard available >= 10 + length else { return isComplete ? .unknown : nil }
            if isOutOfBand {
                index += 10 + length
                continue
            }
            let body = UnsafeRawBufferPointer(rebasing: prefix[(index + 10)..<(index + 10 + length)])
            guard let root = try? HeaderXMLParser.parse(trimmed(body)) else { return .unknown }
            switch root.name {
            case "stream": return root[attribute: "dataset_id"] == nil ? .das2 : .qstream
            case "exception": return .das2
            default: return .unknown
            }
        }
    }

    /// Whether the bytes from `index` could still grow into a packet tag and length field.
    private static func isPlausiblePrefix(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Bool {
        for position in index..<bytes.count {
            let byte = bytes[position]
            switch position - index {
            case 0: if byte != UInt8(ascii: "[") { return false }
            case 1, 2: if !(byte == UInt8(ascii: "0") || (byte | 0x20) == UInt8(ascii: "x")) { return false }
            case 3: if byte != UInt8(ascii: "]") { return false }
            default: if !(byte == UInt8(ascii: " ") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))) { return false }
            }
        }
        return true
    }

    /// A six-byte length field: blanks and digits, at least one nonzero value.
    private static func length(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        var value = 0
        for position in index..<(index + 6) {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value > 0 ? value : nil
    }

    private static func trimmed(_ body: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = body.count
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end && isSpace(body[start]) { start += 1 }
        while end > start && isSpace(body[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: body[start..<end])
    }
}
