import Das2Cache
import Das2Core

// readAccess enforcement and the debug page (auth.md).
extension RequestContext {
    /// The authorizer for this request: trusted addresses and the password and group files.
    private func authorizer() -> Authorizer {
        Authorizer(
            testFrom: configuration.testFrom,
            passwordFile: configuration.passwordFile.flatMap { FileSystem.readFile($0) },
            groupFile: configuration.groupFile.flatMap { FileSystem.readFile($0) }
        )
    }

    /// Lets the request through, or throws the answer that refuses it (§3): 401 with the realm,
    /// 501 for a server-side problem.
    func authorize(_ dsdf: DSDF, name: String, begin: String, end: String) throws(Das2ServerError) {
        guard let access = ReadAccess(readAccess: dsdf["readAccess"], groupAccess: dsdf["groupAccess"]) else { return }
        if request.authorization == nil {
            log.log("   Authorization: no Authorization header (behind Apache, pass it with RewriteRule ^ - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}])")
        }
        let now = ServerState.now()
        // AGE uses the client's own times, untrimmed; unparsable ones deny.
        let beginTime = try? DasTime(parsing: begin, defaultYear: now.year)
        let endTime = try? DasTime(parsing: end, defaultYear: now.year)
        let decision = authorizer().authorize(
            access, authorization: request.authorization, clientAddress: request.remoteAddress,
            begin: beginTime, end: endTime, now: now
        )
        for line in decision.log { log.log("   \(line)") }
        switch decision.outcome {
        case .allow(let login):
            if let login { log.log("   User: \(login)") }
        case .challenge:
            let realm = dsdf["securityRealm"] ?? configuration.securityRealm ?? "\(scriptName)/\(name)"
            throw Das2ServerError.challenge(realm: realm)
        case .error(let message):
            log.log("   Authorization: ERROR! \(message)")
            throw Das2ServerError.authorizationFailure
        case .badRequest(let message):
            throw Das2ServerError(.badRequest, message)
        }
    }

    /// `server=debug` (server-protocol.md §3.9, DEV-12): configuration, environment and query,
    /// for a trusted address with a valid account; never a credential.
    func debugPage() throws(Das2ServerError) -> Das2Response {
        let authorizer = authorizer()
        guard authorizer.trustedAddresses.matches(request.remoteAddress) else {
            throw Das2ServerError(.forbidden, "The debug page is only available to the addresses listed in TEST_FROM")
        }
        let decision = authorizer.authenticate(authorization: request.authorization)
        for line in decision.log { log.log("   \(line)") }
        let login: String
        switch decision.outcome {
        case .allow(let user?): login = user
        case .error(let message):
            log.log("   Authorization: ERROR! \(message)")
            throw Das2ServerError.challenge(realm: "Das2 Server")
        default: throw Das2ServerError.challenge(realm: "Das2 Server")
        }
        func row(_ name: String, _ value: String) -> String {
            "<tr><td>\(XMLText.escape(name))</td><td>\(XMLText.escape(value))</td></tr>\n"
        }
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>das2 server debug</title></head>\n<body>\n"
        html += "<h1>das2 server debug</h1>\n<p>login = \(XMLText.escape(login))</p>\n"
        html += "<h2>Configuration: \(XMLText.escape(configuration.path))</h2>\n<pre>\n"
        for key in configuration.keys.sorted() {
            html += XMLText.escape("\(key) = \(configuration[key] ?? "")") + "\n"
        }
        html += "</pre>\n<h2>Environment</h2>\n<table>\n"
        for (name, value) in request.cgiVariables {
            html += row(name, name == "HTTP_AUTHORIZATION" ? "(redacted)" : value)
        }
        for (name, value) in state.environment.sorted(by: { $0.key < $1.key }) where name != "HTTP_AUTHORIZATION" {
            html += row(name, value)
        }
        html += "</table>\n<h2>Query</h2>\n<table>\n"
        for key in query.keys { html += row(key, (query[key] ?? "").lowercased()) }
        html += "</table>\n<h2>Program search path</h2>\n<pre>\n"
        let path = ServerConfiguration.prependingPaths(configuration.binPath, to: state.environment["PATH"])
        for entry in path.split(separator: ":") { html += XMLText.escape(String(entry)) + "\n" }
        html += "</pre>\n<h2>Library search path</h2>\n<pre>\n"
        let libraries = ServerConfiguration.prependingPaths(configuration.libPath, to: state.environment["LD_LIBRARY_PATH"])
        for entry in libraries.split(separator: ":") { html += XMLText.escape(String(entry)) + "\n" }
        html += "</pre>\n</body>\n</html>\n"
        return textResponse(html, contentType: CommonHeaders.html)
    }
}

extension Das2ServerError {
    /// 401 with `WWW-Authenticate: Basic realm="…"` and no body.
    static func challenge(realm: String) -> Das2ServerError {
        Das2ServerError(.unauthorized, realm)
    }

    /// 501 with the reason phrase `Internal Server Error` and no body: the reference's answer
    /// to a server-side authorization problem (auth.md §3); details only in the log.
    static var authorizationFailure: Das2ServerError {
        Das2ServerError(.authorizationError, "Authorization could not be checked")
    }
}
