import Das2Cache
import Das2Core

// The das2.3 catalog paths: `/source/DIR/` (server-protocol.md §5.4) and `/catalog` (§5.3).
extension RequestContext {
    func directoryListing() throws(Das2ServerError) -> Das2Response {
        var relative = String(request.pathInfo.dropFirst("/source".count).drop { $0 == "/" })
        if relative.hasSuffix("index.json") { relative = String(relative.dropLast("index.json".count)) }
        while relative.hasSuffix("/") { relative = String(relative.dropLast()) }
        if !relative.isEmpty { _ = try QueryValidation.datasetName(relative) }
        let root = try dsdfRoot()
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let info = directoryInfo(directory, relative: relative) else {
            throw Das2ServerError(.notFound, "No catalog for directory '\(relative)'")
        }
        let uri = try catalogURI(relative: relative, root: root)
        let title = JSONValue.string(info["description"] ?? "")
        let locations = info.entries.filter { $0.key.hasPrefix("location") }.sorted { $0.key < $1.key }
        if !locations.isEmpty {
            let body = JSONValue.object([
                ("TYPE", .string("DasCatalog")), ("PATH_URI", .string(uri)), ("TITLE", title),
                ("locations", .array(locations.map { .string($0.value) })),
            ])
            return bytesResponse(body.serialized(), contentType: CommonHeaders.json)
        }
        var catalog: [(String, JSONValue)] = []
        let prefix = relative.isEmpty ? "" : relative + "/"
        for name in (FileSystem.contents(ofDirectory: directory) ?? []).sorted() {
            let path = directory + "/" + name
            guard let status = FileSystem.status(path) else { continue }
            if status.isDirectory {
                if configuration.skipLowercase, name.contains(where: \.isLetter), name == name.lowercased() { continue }
                guard let sub = directoryInfo(path, relative: prefix + name) else { continue }
                let subLocations = sub.entries.filter { $0.key.hasPrefix("location") }.sorted { $0.key < $1.key }
                let urls: [JSONValue] = subLocations.isEmpty
                    ? [.string("\(scriptURL)/source/\(prefix)\(name)/index.json")]
                    : subLocations.map { .string($0.value) }
                catalog.append((
                    name,
                    .object([
                        ("TYPE", .string("DasCatalog")), ("TITLE", .string(sub["description"] ?? "")),
                        ("PATH_URI", .string(Self.stripQuotes(sub["pathUri"]) ?? uri + "/" + name)), ("URL", .array(urls)),
                    ])
                ))
            } else if status.isRegularFile, name.lowercased().hasSuffix(".dsdf"), name != "_dirinfo_.dsdf" {
                let stem = String(name.dropLast(5))
                guard let dsdf = try? state.sources.dsdf(at: path, name: prefix + stem) else { continue }
                catalog.append((
                    stem,
                    .object([
                        ("TYPE", .string("DasStreamSource")), ("TITLE", .string(dsdf["description"] ?? "")),
                        ("PATH_URI", .string(Self.stripQuotes(dsdf["pathUri"]) ?? uri + "/" + stem)),
                        ("URL", .array([.string("\(scriptURL)/source/\(prefix)\(stem).json")])),
                    ])
                ))
            }
        }
        let body = JSONValue.object([
            ("TYPE", .string("DasCatalog")), ("PATH_URI", .string(uri)), ("TITLE", title), ("CATALOG", .object(catalog)),
        ])
        return bytesResponse(body.serialized(), contentType: CommonHeaders.json)
    }

    func catalog() throws(Das2ServerError) -> Das2Response {
        let root = try dsdfRoot()
        let rootInfo = directoryInfo(root, relative: "")
        guard let uri = Self.stripQuotes(rootInfo?["uri"]) ?? configuration.sitePathURI else {
            throw Das2ServerError(
                .serverError,
                "Can not determine catalog URI's. Please create file \(root)/_dirinfo_.dsdf and include the 'uri' keyword."
            )
        }
        let node = catalogNode(directory: root, relative: "", uri: uri, info: rootInfo, depth: 0)
        return bytesResponse((node ?? .object([])).serialized(), contentType: CommonHeaders.json)
    }

    private func catalogNode(directory: String, relative: String, uri: String, info: DSDF?, depth: Int) -> JSONValue? {
        var body: [JSONValue] = []
        let prefix = relative.isEmpty ? "" : relative + "/"
        for name in (FileSystem.contents(ofDirectory: directory) ?? []).sorted() {
            let path = directory + "/" + name
            guard let status = FileSystem.status(path) else { continue }
            if status.isDirectory, depth + 1 < SourceStore.maximumDepth {
                let sub = directoryInfo(path, relative: prefix + name)
                let subURI = Self.stripQuotes(sub?["uri"]) ?? uri + "/" + name
                if let node = catalogNode(directory: path, relative: prefix + name, uri: subURI, info: sub, depth: depth + 1) {
                    body.append(node)
                }
            } else if status.isRegularFile, name.lowercased().hasSuffix(".dsdf"), name != "_dirinfo_.dsdf" {
                let stem = String(name.dropLast(5))
                guard let dsdf = try? state.sources.dsdf(at: path, name: prefix + stem) else { continue }
                var summary: [(String, JSONValue)] = [
                    ("name", .string(stem)), ("type", .string("DasDataSource")), ("version", .string("2.3")),
                    ("uri", .string(uri + "/" + stem)),
                ]
                if let description = dsdf["description"] { summary.append(("description", .string(description))) }
                body.append(.object([
                    ("summary", .object(summary)),
                    ("locations", .array([.string("\(scriptURL)/source/\(prefix)\(stem).json")])),
                ]))
            }
        }
        guard !body.isEmpty else { return nil }
        var summary: [(String, JSONValue)] = [("type", .string("DasCatalog")), ("version", .string("2.3")), ("name", .string(uri))]
        if let description = info?["description"] { summary.append(("description", .string(description))) }
        return .object([("summary", .object(summary)), ("body", .array(body))])
    }

    private func directoryInfo(_ directory: String, relative: String) -> DSDF? {
        let path = directory + "/_dirinfo_.dsdf"
        guard FileSystem.isRegularFile(path) else { return nil }
        return try? state.sources.dsdf(at: path, name: (relative.isEmpty ? "" : relative + "/") + "_dirinfo_")
    }

    /// The federated-catalog URI of a directory: its own `uri`, else the nearest ancestor's plus
    /// the path below it, else `SITE_PATHURI` plus the relative path.
    private func catalogURI(relative: String, root: String) throws(Das2ServerError) -> String {
        var parts = relative.split(separator: "/").map(String.init)
        var below: [String] = []
        while true {
            let directory = parts.isEmpty ? root : root + "/" + parts.joined(separator: "/")
            if let uri = Self.stripQuotes(directoryInfo(directory, relative: parts.joined(separator: "/"))?["uri"]) {
                return ([uri] + below).joined(separator: "/")
            }
            guard let last = parts.popLast() else { break }
            below.insert(last, at: 0)
        }
        guard let site = configuration.sitePathURI else {
            throw Das2ServerError(
                .serverError,
                "Can not determine catalog URI's. Please create file \(root)/_dirinfo_.dsdf and include the 'uri' keyword."
            )
        }
        return relative.isEmpty ? site : site + "/" + relative
    }

    private static func stripQuotes(_ value: String?) -> String? {
        guard let value else { return nil }
        let stripped = value.trimmingCharacters { $0 == "'" || $0 == "\"" || $0 == " " || $0 == "\t" }
        return stripped.isEmpty ? nil : stripped
    }
}
