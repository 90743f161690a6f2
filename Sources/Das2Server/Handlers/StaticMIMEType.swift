/// The static resource types of server-protocol.md §5.1.
enum StaticMIMEType {
    /// Content type and optional `Content-Disposition` kind for a file name, nil when unknown.
    static func lookup(_ fileName: String, browser: Bool) -> (type: String, disposition: String?)? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "d2s": return ("application/vnd.das2.das2stream", "attachment")
        case "qds": return ("application/vnd.das2.qstream", "attachment")
        case "d2t": return (browser ? CommonHeaders.plainText : "text/vnd.das2.das2stream; charset=utf-8", "inline")
        case "qdst": return (browser ? CommonHeaders.plainText : "text/vnd.das2.qstream; charset=utf-8", "inline")
        case "vap": return ("application/x-autoplot-vap+xml", "attachment")
        case "csv": return ("text/csv", "attachment")
        case "png": return ("image/png", nil)
        case "jpg", "jpeg": return ("image/jpeg", nil)
        case "gif": return ("image/gif", nil)
        case "svg": return ("image/svg+xml", nil)
        case "ico": return ("image/vnd.microsoft.icon", nil)
        case "css": return ("text/css", nil)
        case "xsl": return ("application/xslt+xml", nil)
        case "html": return ("text/html", nil)
        case "txt": return ("text/plain", nil)
        case "js": return ("text/javascript", nil)
        case "json": return ("application/json", nil)
        case "pdf": return ("application/pdf", nil)
        default: return nil
        }
    }
}
