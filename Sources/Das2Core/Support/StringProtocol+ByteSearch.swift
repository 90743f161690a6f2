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

    /// Whether the text equals `other` with ASCII letters compared case-insensitively (other
    /// bytes exactly), as header names and HTTP methods are compared.
    package func equalsBytesIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        utf8.count == other.utf8.count && containsBytesIgnoringASCIICase(other)
    }

    /// The text with every occurrence of `target` (non-empty) replaced, compared byte for
    /// byte; `String.replacing(_:with:)` of _StringProcessing costs microseconds per call.
    package func replacingBytes(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        precondition(!target.isEmpty, "nothing to replace")
        return withBytes(of: target) { text, pattern in
            var result: [UInt8] = []
            result.reserveCapacity(text.count)
            var start = 0
            while let offset = ByteSearch.firstOffset(of: pattern, in: UnsafeBufferPointer(rebasing: text[start...])) {
                result += text[start..<(start + offset)]
                result += replacement.utf8
                start += offset + pattern.count
            }
            result += text[start...]
            return String(decoding: result, as: UTF8.self)
        }
    }

    private func firstByteOffset(of pattern: some StringProtocol, ignoringASCIICase: Bool) -> Int? {
        withBytes(of: pattern) { ByteSearch.firstOffset(of: $1, in: $0, ignoringASCIICase: ignoringASCIICase) }
    }

    /// Runs `body` on the UTF-8 bytes of the text and of `other`.
    private func withBytes<Result>(
        of other: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var text = String(self)
        var other = String(other)
        return text.withUTF8 { text in other.withUTF8 { body(text, $0) } }
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
