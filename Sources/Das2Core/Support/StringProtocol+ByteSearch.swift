extension StringProtocol {
    /// Whether `pattern` occurs in the text, compared byte for byte as UTF-8.
    ///
    /// The request path uses this instead of `String.contains(_:)` from _StringProcessing,
    /// which builds a hashed skip table on every call: for a short `User-Agent` that was
    /// almost half of a `server=list` request's time in the server. Inlinable so that callers
    /// get it specialized for `String`: unspecialized, the generic conversions cost more than
    /// the search.
    @inlinable
    package func containsBytes(_ pattern: some StringProtocol) -> Bool {
        ByteSearch.withBytes(of: self, pattern) { ByteSearch.firstOffset(of: $1, in: $0) != nil }
    }

    /// Whether `pattern` occurs in the text with ASCII letters compared case-insensitively
    /// (other bytes exactly), as Python's `pattern in text.lower()` does for ASCII patterns.
    @inlinable
    package func containsBytesIgnoringASCIICase(_ pattern: some StringProtocol) -> Bool {
        ByteSearch.withBytes(of: self, pattern) { ByteSearch.firstOffset(of: $1, in: $0, ignoringASCIICase: true) != nil }
    }

    /// Whether the text and `other` have the same UTF-8 bytes (`==` also equates canonically
    /// equivalent texts, such as a precomposed and a decomposed `é`).
    @inlinable
    package func equalsBytes(_ other: some StringProtocol) -> Bool {
        ByteSearch.withBytes(of: self, other) { $0.count == $1.count && $0.elementsEqual($1) }
    }

    /// Whether the text equals `other` with ASCII letters compared case-insensitively (other
    /// bytes exactly), as header names and HTTP methods are compared.
    @inlinable
    package func equalsBytesIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        ByteSearch.withBytes(of: self, other) { ByteSearch.equalIgnoringASCIICase($0, $1) }
    }

    /// The text with every occurrence of `target` (non-empty) replaced, compared byte for
    /// byte; `String.replacing(_:with:)` of _StringProcessing costs microseconds per call.
    package func replacingBytes(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        precondition(!target.isEmpty, "nothing to replace")
        return ByteSearch.withBytes(of: self, target) { text, pattern in
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
}

/// Naive byte search: the texts searched on the request path are short, so a skip table
/// would cost more than it saves. The loops stay out of line (`@usableFromInline`, not
/// `@inlinable`): only the conversions to bytes need specializing at the call site.
@usableFromInline
package enum ByteSearch {
    /// Runs `body` on the UTF-8 bytes of `text` and of `other`, in place when both are stored
    /// contiguously (native strings and their substrings), else on copies.
    @inlinable
    package static func withBytes<Result>(
        of text: some StringProtocol, _ other: some StringProtocol,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let inPlace = text.utf8.withContiguousStorageIfAvailable { text in
            other.utf8.withContiguousStorageIfAvailable { body(text, $0) }
        }
        if let inPlace, let result = inPlace { return result }
        var text = String(text)
        var other = String(other)
        return text.withUTF8 { text in other.withUTF8 { body(text, $0) } }
    }

    /// The offset of the first occurrence of `needle` in `haystack`; an empty needle is at 0.
    @usableFromInline
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

    /// Whether two byte strings are equal with ASCII letters compared case-insensitively.
    @usableFromInline
    package static func equalIgnoringASCIICase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices where !equal(a[index], b[index], true) { return false }
        return true
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
