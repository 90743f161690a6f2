import Das2Core

// Paths below `/hapi`: the HAPI 3.3 service (hapi.md).
extension RequestContext {
    /// Answers a request whose path starts with `/hapi`. HAPI problems are answered with HAPI
    /// bodies; only a disabled subsystem gets the das2 error (§1.1).
    func hapi() async throws(Das2ServerError) -> Das2Response {
        guard configuration.enableHAPI else {
            throw Das2ServerError(
                .badRequest,
                "Heliophysics API Subsystem not enabled, contact the server administrator if this feature is needed"
            )
        }
        let site = HAPISite(context: self)
        site.startBackgroundRefresh()
        do {
            return try await site.respond()
        } catch {
            if let reason = error.reason { log.log("   HAPI \(error.status.rawValue): \(reason)") }
            return HAPIResponses.error(error)
        }
    }
}

extension HAPISite {
    /// The HAPI endpoints (§1.2).
    enum Endpoint: String, CaseIterable {
        case about, capabilities, catalog, info, data
    }

    /// Method, path and endpoint dispatch (§1.2, §1.3).
    func respond() async throws(HAPIError) -> Das2Response {
        let request = context.request
        let method = request.method.uppercased()
        let path = String(request.pathInfo.dropFirst("/hapi".count))
        switch method {
        case "GET", "HEAD":
            break
        case "OPTIONS":
            return Das2Response(status: 204, headers: HAPIResponses.cors + [("Allow", "GET, HEAD")])
        default:
            throw HAPIError(
                .userInputError, clarification: "only GET and HEAD are served", httpStatus: 405, headers: [("Allow", "GET, HEAD")]
            )
        }
        if path.isEmpty { return await landingPage() }
        if path.hasSuffix("/"), path == "/" || Endpoint(rawValue: String(path.dropFirst().dropLast())) != nil {
            return redirect(to: String(path.dropLast()))
        }
        guard path.hasPrefix("/"), let endpoint = Endpoint(rawValue: String(path.dropFirst())) else {
            throw HAPIError(.userInputError, clarification: "unknown endpoint")
        }
        let query = try HAPIQuery(request.queryString ?? "")
        switch endpoint {
        case .about: return try await about(query)
        case .capabilities: return try capabilities(query)
        case .catalog: return try await catalog(query)
        case .info: return try await info(query)
        case .data: return try await data(query)
        }
    }

    /// `301` to the path without its trailing slash, query kept byte for byte (§1.2).
    private func redirect(to path: String) -> Das2Response {
        var location = context.scriptURL + "/hapi" + path
        if let query = context.request.queryString, !query.isEmpty { location += "?" + query }
        return Das2Response(status: 301, headers: HAPIResponses.cors + [("Location", Redirect.encode(location))])
    }

    /// Probes every HAPI source in the background, once HAPI is used, on servers that enabled
    /// it (§7.8); later passes re-probe what changed or aged.
    func startBackgroundRefresh() {
        let context = self.context
        // The passes outlive this request: they keep its server address (the sources offered
        // depend on it) but none of its headers, so no credentials stay in memory.
        let original = context.request
        let request = Das2Request(
            queryString: nil, pathInfo: "/hapi", scriptName: original.scriptName, serverName: original.serverName,
            serverPort: original.serverPort, isSecure: original.isSecure, remoteAddress: "127.0.0.1"
        )
        store.startBackgroundRefresh(interval: 60) {
            guard let configuration = try? context.state.configuration(), configuration.enableHAPI else { return }
            let fresh = RequestContext(request: request, state: context.state, configuration: configuration, log: context.log)
            let site = HAPISite(context: fresh, logsToRequest: false)
            guard let sources = try? site.allSources() else { return }
            await withTaskGroup(of: Void.self) { group in
                for source in sources {
                    for part in source.parts {
                        group.addTask { _ = try? await site.part(source, part) }
                    }
                }
            }
        }
    }
}
