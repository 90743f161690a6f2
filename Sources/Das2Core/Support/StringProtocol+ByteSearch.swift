extension StringProtocol {
    /// Whether `pattern` occurs in the text, compared byte for byte as UTF-8.
    ///
    /// The request path uses this instead of `String.contains(_:)` from _StringProcessing,
    /// which builds a hashed skip table on every call: for a short `User-Agent` that was
    /// almost half of a `server=list` request's time in the server.
    package func containsBytes(_ pattern: some StringProtocol) -> Bool {
        firstByteOffset(of: pattern, ignoringASCIICase: false) != nil
    }

    /// Whether `pattern` occurs in the text with ASCII letters compared case-insensitively
    /// (other bytes exactly), as Python's `pattern in text.lower()` does for ASCII patterns.
    package func containsBytesIgnoringASCIICase(_ pattern: some StringProtocol) -> Bool {
        firstByteOffset(of: pattern, ignoringASCIICase: true) != nil
    }

    /// The text with every occurrence of `target` (non-empty) replaced, compared byte for
    /// byte; `String.replacing(_:with:)` of _StringProcessing costs microseconds per call.
    package func replacingBytes(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        let pattern = Array(target.utf8)
        precondition(!pattern.isEmpty, "nothing to replace")
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var rest = Substring(self)
        while true {
            let offset = pattern.withUnsafeBufferPointer { needle in
                rest.utf8.withContiguousStorageIfAvailable { ByteSearch.firstOffset(of: needle, in: $0) }
                    ?? Array(rest.utf8).withUnsafeBufferPointer { ByteSearch.firstOffset(of: needle, in: $0) }
            }
            guard let offset else { break }
            let match = rest.utf8.index(rest.utf8.startIndex, offsetBy: offset)
            result += rest.utf8[..<match]
            result += replacement.utf8
            rest = rest[rest.utf8.index(match, offsetBy: pattern.count)...]
        }
        result += rest.utf8
        return String(decoding: result, as: UTF8.self)
    }

    private func firstByteOffset(of pattern: some StringProtocol, ignoringASCIICase: Bool) -> Int? {
        var text = String(self)
        var needle = String(pattern)
        return text.withUTF8 { haystack in
            needle.withUTF8 { needle in
                ByteSearch.firstOffset(of: needle, in: haystack, ignoringASCIICase: ignoringASCIICase)
            }
        }
    }
}

/// Naive byte search: the texts searched on the request path are short, so a skip table
/// would cost more than it saves.
package enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`; an empty needle is at 0.
    package static func firstOffset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, ignoringASCIICase: Bool = false
    ) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        guard let first = needle.first else { return 0 }
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart {
            if equal(haystack[start], first, ignoringASCIICase) {
                var matched = 1
                while matched < needle.count, equal(haystack[start + matched], needle[matched], ignoringASCIICase) {
                    matched += 1
                }
                if matched == needle.count { return start }
            }
            start += 1
        }
        return nil
    }

    @inline(__always)
    private static func equal(_ a: UInt8, _ b: UInt8, _ ignoringASCIICase: Bool) -> Bool {
        a == b || (ignoringASCIICase && lowered(a) == lowered(b))
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
