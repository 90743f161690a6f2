/// The HTTP forms of HAPI answers (hapi.md §1.4, §2, §8.2).
enum HAPIResponses {
    /// The CORS fields of every HAPI response (§1.4).
    static let cors: [(name: String, value: String)] = CommonHeaders.cors + [
        ("Access-Control-Expose-Headers", "ETag, Last-Modified, X-HAPI-Status")
    ]

    /// The `{"HAPI": "3.3", "status": …}` members.
    static func header(_ status: HAPIStatus, message: String? = nil, reason: String? = nil) -> [(String, JSONValue)] {
        var statusMembers: [(String, JSONValue)] = [("code", .integer(status.rawValue)), ("message", .string(message ?? status.message))]
        if let reason { statusMembers.append(("x_reason", .string(reason))) }
        return [("HAPI", .string("3.3")), ("status", .object(statusMembers))]
    }

    /// The error body of §2.4 with its status, reason phrase and fields.
    static func error(_ error: HAPIError) -> Das2Response {
        let status = error.httpStatus ?? error.status.httpStatus
        let body = JSONValue.object(header(error.status, message: error.message, reason: error.reason)).serialized()
        var headers = cors
        headers.append(("Content-Type", CommonHeaders.json))
        headers.append(("Cache-Control", "no-store"))
        headers += error.headers
        return Das2Response(
            status: status, reason: error.status.reasonPhrase(httpStatus: status), headers: headers, body: .bytes(body)
        )
    }

    /// A metadata answer: the body with `ETag`, `Last-Modified` and `Cache-Control`, or `304`
    /// when the request's validators match (§8.2).
    static func metadata(
        _ body: [UInt8], contentType: String = CommonHeaders.json, lastModified: Int64, request: Das2Request
    ) -> Das2Response {
        let tag = entityTag(body)
        let validators: [(name: String, value: String)] = [
            ("ETag", tag), ("Last-Modified", HTTPDate.text(posixSeconds: lastModified)), ("Cache-Control", "no-cache"),
        ]
        if isNotModified(request, entityTag: tag, lastModified: lastModified) {
            return Das2Response(status: 304, headers: cors + validators)
        }
        return Das2Response(
            status: 200, reason: HAPIStatus.ok.reasonPhrase(httpStatus: 200),
            headers: cors + [("Content-Type", contentType)] + validators, body: .bytes(body)
        )
    }

    /// A strong entity tag from the SHA-256 of the body.
    static func entityTag(_ bytes: [UInt8]) -> String {
        "\"" + DigestText.hex(SHA256.hash(bytes).prefix(16)) + "\""
    }

    /// RFC 9110 §13.1: `If-None-Match` decides when present (a listed tag or `*`), else
    /// `If-Modified-Since` at or after `Last-Modified` (whole seconds).
    static func isNotModified(_ request: Das2Request, entityTag: String, lastModified: Int64) -> Bool {
        if let noneMatch = request.header("If-None-Match") {
            let tags = noneMatch.split(separator: ",").map { String($0).trimmingCharacters(\.isWhitespace) }
            return tags.contains { $0 == "*" || $0 == entityTag || $0 == "W/" + entityTag }
        }
        if let since = request.header("If-Modified-Since").flatMap(HTTPDate.posixSeconds(parsing:)) {
            return since >= lastModified
        }
        return false
    }
}
