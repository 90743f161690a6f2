import Das2Core

/// What a data response carries: stream format and text conversion decide the MIME type, the
/// disposition and the file name (server-protocol.md §4.9).
struct OutputFormat: Sendable {
    enum Stream: Sendable { case das2, qstream }

    var stream: Stream
    var ascii: Bool

    /// `Content-Type` for this client.
    func contentType(browser: Bool) -> String {
        switch (stream, ascii) {
        case (.das2, false): "application/vnd.das2.das2stream"
        case (.qstream, false): "application/vnd.das2.qstream"
        case (_, true) where browser: "text/plain; charset=utf-8"
        case (.das2, true): "text/vnd.das2.das2stream; charset=utf-8"
        case (.qstream, true): "text/vnd.das2.qstream; charset=utf-8"
        }
    }

    /// `inline` for text, `attachment` for binary.
    var disposition: String { ascii ? "inline" : "attachment" }

    func fileExtension(browser: Bool) -> String {
        switch (stream, ascii) {
        case (.das2, false): "d2s"
        case (.qstream, false): "qds"
        case (.das2, true): "d2t"
        case (.qstream, true): browser ? "qdst" : "qdt"
        }
    }

    /// `<base>_<B>_<E>.<ext>` with the time strings cleaned up (C132).
    func fileName(dataset: String, begin: String, end: String, browser: Bool) -> String {
        let base = dataset.split(separator: "/").last.map(String.init) ?? dataset
        return "\(base)_\(Self.cleanTime(begin))_\(Self.cleanTime(end)).\(fileExtension(browser: browser))"
    }

    /// Every `:` → `-`, then `.000Z` and `T00-00-00` removed.
    static func cleanTime(_ time: String) -> String {
        time.replacingBytes(":", with: "-").replacingBytes(".000Z", with: "").replacingBytes("T00-00-00", with: "")
    }
}
