/// Header sets the protocol uses in many responses.
enum CommonHeaders {
    /// `+CORS` (server-protocol.md §1.6).
    static let cors: [(name: String, value: String)] = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET"),
        ("Access-Control-Allow-Headers", "Content-Type"),
    ]

    static let plainText = "text/plain; charset=utf-8"
    static let das2Stream = "text/vnd.das2.das2stream"
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    static let xml = "text/xml; charset=utf-8"
}

/// Text that goes into a header value: control characters can never reach a header (no response
/// splitting), and a quoted value cannot be closed early.
enum HeaderValue {
    /// For a quoted value (`filename="…"`, `realm="…"`): control characters, `"` and `\` become `_`.
    static func quotable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\"" || scalar == "\\" ? "_" : scalar
        }))
    }
}
