import Testing

@testable import Das2Core

@Suite("Byte search in text")
struct ByteSearchTests {
    @Test("finds a pattern anywhere, and not a longer or absent one", arguments: [
        ("..", "/a/../b", true), ("..", "/a/./b", false), ("/test/", "x/test/", true), ("/test/", "x/tes", false),
        ("", "abc", true), ("abc", "", false), ("é", "café", true), ("e\u{301}", "café", false),
    ])
    func exactSearch(pattern: String, text: String, found: Bool) {
        #expect(text.containsBytes(pattern) == found)
        #expect(text[...].containsBytes(pattern[...]) == found)
    }

    @Test("ignores the case of ASCII letters only", arguments: [
        ("firefox", "Mozilla/5.0 (X11) Gecko/20100101 Firefox/128.0", true), ("chrome", "CHROME", true),
        ("safari", "Autoplot/2024", false), ("é", "É", false), ("user-agent", "User-Agent", true),
        ("a[", "A{", false),
    ])
    func caseInsensitiveSearch(pattern: String, text: String, found: Bool) {
        #expect(text.containsBytesIgnoringASCIICase(pattern) == found)
    }

    @Test("replaces every occurrence, left to right, without rescanning the replacement", arguments: [
        ("2017-01-01T00:00:00", ":", "-", "2017-01-01T00-00-00"), ("a.000Z.000Z", ".000Z", "", "a"),
        ("it's", "'", "'\\''", "it'\\''s"), ("aaa", "aa", "a", "aa"), ("none", "x", "y", "none"), ("", "x", "y", ""),
        ("héllo", "é", "e", "hello"),
    ])
    func replacement(text: String, target: String, replacement: String, expected: String) {
        #expect(text.replacingBytes(target, with: replacement) == expected)
    }

    @Test("equality ignoring ASCII case needs the same length", arguments: [
        ("User-Agent", "user-agent", true), ("GET", "get", true), ("GET", "GETS", false), ("HEAD", "HEA", false),
        ("", "", true), ("\u{212A}", "k", false),
    ])
    func caseInsensitiveEquality(text: String, other: String, equal: Bool) {
        #expect(text.equalsBytesIgnoringASCIICase(other) == equal)
    }

    @Test("byte equality tells canonically equivalent texts apart", arguments: [
        ("/var/log", "/var/log", true), ("/var/log", "/var/lo", false), ("caf\u{E9}", "cafe\u{301}", false), ("", "", true),
    ])
    func byteEquality(text: String, other: String, equal: Bool) {
        #expect(text.equalsBytes(other) == equal)
        #expect(text[...].equalsBytes(other[...]) == equal)
    }
}
