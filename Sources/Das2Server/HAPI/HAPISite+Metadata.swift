import Das2Cache
import Das2Core

// The metadata endpoints (hapi.md §5.1–§5.5).
extension HAPISite {
    /// The software named in `/about` and entity tags.
    static let software = "das2kit 1.0"

    /// `/about` (§5.2).
    func about(_ query: HAPIQuery) async throws(HAPIError) -> Das2Response {
        try query.requireKnownKeys([])
        var members = HAPIResponses.header(.ok)
        members.append(("id", .string(configuration.hapiServerID ?? configuration.serverID ?? "das2kit")))
        members.append(("title", .string(configuration.hapiTitle ?? configuration.siteName ?? "das2 data server")))
        members.append(("contact", .string(configuration.contactEmail ?? "no contact configured")))
        if let description = configuration.hapiDescription { members.append(("description", .string(description))) }
        var lastModified = max(store.createdAt, configurationModified)
        if let (test, modified) = await dataTest() {
            members.append(("dataTest", test))
            lastModified = max(lastModified, modified)
        }
        members.append(("x_das2", .object([("server", .string(Self.software)), ("das2", .string(context.scriptURL))])))
        return HAPIResponses.metadata(JSONValue.object(members).serialized(), lastModified: lastModified, request: context.request)
    }

    /// The sample request of `SAMPLE_DSDF`'s first dataset, when it is listed and has sample
    /// dates; only metadata already known is used, so `/about` never waits for a probe.
    private func dataTest() async -> (JSONValue, Int64)? {
        guard let name = configuration.sampleDSDF, let source = try? source(named: name), source.isListed,
            let part = source.parts.first, let metadata = try? await self.part(source, part, probing: false),
            let dataset = metadata.dataset(part.key), let start = dataset.sampleStartDate, let stop = dataset.sampleStopDate
        else { return nil }
        let parameter = dataset.parameters.count > 1 ? dataset.parameters[1].name : dataset.parameters[0].name
        let test = JSONValue.object([
            ("name", .string("sample request")),
            ("query", .object([
                ("dataset", .string(dataset.id)), ("start", .string(HAPIDataset.metadataTime(start))),
                ("stop", .string(HAPIDataset.metadataTime(stop))), ("parameters", .string(parameter)),
            ])),
        ])
        return (test, metadata.lastModified)
    }

    /// `/capabilities` (§5.3).
    func capabilities(_ query: HAPIQuery) throws(HAPIError) -> Das2Response {
        try query.requireKnownKeys([])
        var members = HAPIResponses.header(.ok)
        members.append(("outputFormats", .array([.string("csv"), .string("binary"), .string("json")])))
        members.append(("catalogDepthOptions", .array([.string("dataset"), .string("all")])))
        return HAPIResponses.metadata(
            JSONValue.object(members).serialized(), lastModified: max(store.createdAt, configurationModified),
            request: context.request
        )
    }

    /// `/catalog` (§5.4).
    func catalog(_ query: HAPIQuery) async throws(HAPIError) -> Das2Response {
        try query.requireKnownKeys(["depth", "resolve_references"])
        try query.requireSingleValues()
        let depth = query["depth"] ?? "dataset"
        guard depth == "dataset" || depth == "all" else { throw HAPIError(.unsupportedDepth) }
        try Self.checkResolveReferences(query)
        var lastModified = configurationModified
        var entries: [(id: String, value: JSONValue)] = []
        for metadata in await allParts() {
            lastModified = max(lastModified, metadata.lastModified)
            for dataset in metadata.listedDatasets(extensions: configuration.hapiExtensions) {
                var entry: [(String, JSONValue)] = [("id", .string(dataset.id)), ("title", .string(dataset.title))]
                if depth == "all" { entry.append(("info", .object(dataset.infoMembers(parameters: dataset.parameters)))) }
                entries.append((dataset.id, .object(entry)))
            }
        }
        entries.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var members = HAPIResponses.header(.ok)
        members.append(("catalog", .array(entries.map(\.value))))
        return HAPIResponses.metadata(JSONValue.object(members).serialized(), lastModified: lastModified, request: context.request)
    }

    /// The metadata of every part of every HAPI source, probing what is missing (bounded by
    /// `HAPI_PROBE_CONCURRENCY`); parts without metadata are left out.
    func allParts() async -> [HAPIPart] {
        let sources: [HAPISource]
        do {
            sources = try allSources()
        } catch {
            if case .misconfigured(let message) = error { note(message) }
            return []
        }
        let site = self
        return await withTaskGroup(of: HAPIPart?.self) { group in
            for source in sources {
                for part in source.parts {
                    group.addTask { try? await site.part(source, part) }
                }
            }
            var parts: [HAPIPart] = []
            for await part in group {
                if let part { parts.append(part) }
            }
            return parts
        }
    }

    /// `/info` (§5.5).
    func info(_ query: HAPIQuery) async throws(HAPIError) -> Das2Response {
        try query.requireKnownKeys(["dataset", "id", "parameters", "resolve_references"])
        try query.requireSingleValues(synonyms: [("dataset", "id")])
        guard let id = query["dataset"] ?? query["id"] else {
            throw HAPIError(.userInputError, clarification: "dataset is missing")
        }
        try Self.checkResolveReferences(query)
        let resolved = try await resolve(id)
        if !resolved.source.hasPublicDescription {
            try authorize(resolved.source, begin: nil, end: nil)
        }
        let (metadata, dataset) = try await self.dataset(resolved)
        let parameters = try dataset.selectParameters(query["parameters"])
        let body = JSONValue.object(HAPIResponses.header(.ok) + dataset.infoMembers(parameters: parameters)).serialized()
        return HAPIResponses.metadata(body, lastModified: max(metadata.lastModified, configurationModified), request: context.request)
    }

    /// Step 4 of §2.5 for catalog and info: `resolve_references` is `true` or `false`.
    static func checkResolveReferences(_ query: HAPIQuery) throws(HAPIError) {
        if let value = query["resolve_references"], value != "true", value != "false" {
            throw HAPIError(.unsupportedResolveReferences)
        }
    }

    /// The configuration file's modification time, POSIX seconds.
    var configurationModified: Int64 {
        (FileSystem.status(configuration.path)?.modified ?? 0) / 1_000_000_000
    }
}
