/// The reader parameter text of a request or a cache level (`params`, `cacheLevel` PARAMS)
/// and its normalized form (dsdf.md §7).
///
/// The normalized form names the cache directory and decides which cache level serves a
/// request, so the server, the cache builder and the cache reader must all use this one rule.
public struct ReaderParameters: Hashable, Sendable {
    /// The parameter text as given, or `nil` when absent.
    public var text: String?

    /// Wraps a parameter text.
    /// - Parameter text: The text, e.g. `-r no-spikes`, or `nil` when absent.
    public init(_ text: String?) {
        self.text = text
    }

    /// The reader arguments: the text split on runs of ASCII white space, empty tokens
    /// dropped (server-protocol.md §4.7). Each token is passed to the reader as one argument.
    public var arguments: [String] {
        text?.asciiWords ?? []
    }

    /// The normalized form (dsdf.md §7): `_noparam` for an absent or blank text (DD-18);
    /// otherwise the tokens with every `-` replaced by `_`, sorted by Unicode code point and
    /// joined with `_` (`-r no-spikes` → `_r_no_spikes`, `800 2` → `2_800`).
    public var normalized: String {
        let tokens = arguments
        guard !tokens.isEmpty else { return "_noparam" }
        return tokens
            .map { ReaderParameters.replacing(UInt8(ascii: "-"), in: $0) }
            .sorted { $0.precedesByCodePoint($1) }
            .joined(separator: "_")
    }

    /// The normalized form as a cache directory name: ``normalized`` with every `/` replaced
    /// by `_`, so the cache stays inside its tree (DD-15).
    public var directoryName: String {
        ReaderParameters.replacing(UInt8(ascii: "/"), in: normalized)
    }

    /// The text with every occurrence of an ASCII character replaced by `_`.
    private static func replacing(_ character: UInt8, in text: String) -> String {
        String(decoding: text.utf8.map { $0 == character ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}
