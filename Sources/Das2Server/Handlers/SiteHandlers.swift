import Das2Cache
import Das2Core

// The site's own resources: `server=id`, `server=logo`, `server=peers`, `/static/…`
// (server-protocol.md §3.5-§3.7, §5.1).
extension RequestContext {
    func identity() throws(Das2ServerError) -> Das2Response {
        guard let name = configuration.siteName, !name.allSatisfy(\.isWhitespace) else {
            throw Das2ServerError(.serverError, "Bad Server Configuration, SITE_IDENTITY missing")
        }
        return textResponse(name + "\r\n", cors: true)
    }

    func logo() throws(Das2ServerError) -> Das2Response {
        let resources = configuration.resourcePath ?? ""
        let candidates = (FileSystem.contents(ofDirectory: resources) ?? [])
            .filter { $0.hasPrefix("logo.") && FileSystem.isRegularFile(resources + "/" + $0) }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        guard let file = candidates.first else {
            return textResponse("Logo not set for this Das2.2 server\r\n", status: 404)
        }
        guard let type = StaticMIMEType.lookup(file, browser: isBrowser) else {
            throw Das2ServerError(.serverError, "Unrecognized mime type for \(file)")
        }
        guard let bytes = FileSystem.readFile(resources + "/" + file) else {
            throw Das2ServerError(.serverError, "Cannot read \(resources)/\(file)")
        }
        return bytesResponse(bytes, contentType: type.type)
    }

    func peers() throws(Das2ServerError) -> Das2Response {
        guard let file = configuration.peersFile else {
            throw Das2ServerError(
                .serverError,
                "Create an INI file contaning known das2 servers, then add a PEERS_FILE key to \(configuration.path) to point to your peers list."
            )
        }
        guard let bytes = FileSystem.readFile(file) else {
            throw Das2ServerError(.serverError, "Move etc/das2peers.ini.example to \(file) and customize")
        }
        let list: PeerList
        do {
            list = try PeerList(parsing: bytes, path: file)
        } catch {
            throw Das2ServerError(.serverError, error.message)
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <?xml-stylesheet type="text/xsl" href="\(XMLText.escape(scriptName))/static/das2server.xsl"?>
            <das2server>
              <peers>

            """
        for peer in list.peers {
            xml += "    <server>\n      <name>\(XMLText.escape(peer.name))</name>\n"
            if let url = peer.url { xml += "      <url>\(XMLText.escape(url))</url>\n" }
            if let description = peer.description {
                xml += "      <description>\(XMLText.escape(description))</description>\n"
            }
            xml += "    </server>\n"
        }
        xml += "  </peers>\n</das2server>\n"
        return textResponse(xml, contentType: CommonHeaders.xml)
    }

    func staticResource() throws(Das2ServerError) -> Das2Response {
        let relative = String(request.pathInfo.dropFirst("/static".count).drop { $0 == "/" })
        let resources = configuration.resourcePath ?? ""
        let path = resources + "/" + relative
        guard !relative.isEmpty, FileSystem.isRegularFile(path) else {
            throw Das2ServerError(.notFound, "Resource '\(relative)' doesn't exist")
        }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        guard let type = StaticMIMEType.lookup(name, browser: isBrowser) else {
            throw Das2ServerError(.serverError, "Unrecognized mime type for \(name)")
        }
        guard let bytes = FileSystem.readFile(path) else {
            throw Das2ServerError(.serverError, "Cannot read resource '\(relative)'")
        }
        let disposition = type.disposition.map { [(name: "Content-Disposition", value: "\($0); filename=\"\(HeaderValue.quotable(name))\"")] } ?? []
        return bytesResponse(bytes, contentType: type.type, extraHeaders: disposition)
    }
}

/// Escaping for XML and HTML text and attribute values.
enum XMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
