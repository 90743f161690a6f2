import Das2Core

/// The decoded parameters of a query string (server-protocol.md §1.2).
///
/// Pairs are separated by `&` or `;`; pairs without `=` are ignored; `+` is a space and `%XX` a
/// byte, decoded as UTF-8; the first value of a repeated key wins; an empty value is the same as
/// no value.
struct QueryParameters: Sendable {
    /// Every pair in query order, decoded.
    private(set) var pairs: [(key: String, value: String)] = []

    init(_ query: String) {
        var query = query
        query.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&"), bytes[end] != UInt8(ascii: ";") { end += 1 }
                if let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    pairs.append((
                        PercentDecoding.string(UnsafeBufferPointer(rebasing: bytes[start..<equals]), plusAsSpace: true),
                        PercentDecoding.string(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end]), plusAsSpace: true)
                    ))
                }
                start = end + 1
            }
        }
    }

    /// The first value of `key`, nil when absent or empty.
    subscript(key: String) -> String? {
        guard let value = pairs.first(where: { $0.key == key })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Every key, in query order, once.
    var keys: [String] {
        var seen = Set<String>()
        return pairs.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// Percent- and plus-decoding; invalid UTF-8 becomes U+FFFD.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        PercentDecoding.string(bytes, plusAsSpace: true)
    }

    /// Percent- and plus-decoding to bytes, for callers that must reject invalid UTF-8.
    static func decodedBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        PercentDecoding.decodedBytes(bytes, plusAsSpace: true)
    }
}
