import Das2Cache
import Das2Core

extension HAPISite {
    /// Resolves a dataset id: 1406 when there is no such dataset, 1500 when deciding needs
    /// metadata that cannot be obtained.
    func resolve(_ text: String) async throws(HAPIError) -> HAPIResolvedID {
        guard let id = HAPIDatasetID(text) else { throw HAPIError(.unknownDataset) }
        let source: HAPISource
        do {
            source = try self.source(named: id.name)
        } catch {
            if case .misconfigured(let message) = error {
                note(message)
                throw HAPIError(.internalError)
            }
            throw HAPIError(.unknownDataset)
        }
        let hasSubSources = source.parts.contains { $0.subSource != nil }
        guard let selection = id.resolve(hasSubSources: hasSubSources),
            let part = source.parts.first(where: { $0.subSource?.id == selection.subSource })
        else { throw HAPIError(.unknownDataset) }
        var datasetID = part.key
        if let packet = selection.packet { datasetID += ":p" + (packet < 10 ? "0\(packet)" : "\(packet)") }
        switch selection.extension {
        case .bin(let suffix): datasetID += ":x_bin-" + suffix
        case .availability: datasetID += ":x_availability"
        case nil: break
        }
        // Whether a packet type or a resolution is offered depends on the probe.
        var needsMetadata = selection.packet != nil
        if case .bin = selection.extension { needsMetadata = true }
        guard needsMetadata else {
            return HAPIResolvedID(source: source, part: part, datasetID: datasetID, metadata: nil)
        }
        let metadata = try await self.part(source, part)
        guard metadata.dataset(datasetID) != nil else { throw HAPIError(.unknownDataset) }
        return HAPIResolvedID(source: source, part: part, datasetID: datasetID, metadata: metadata)
    }

    /// The metadata of a resolved id and its dataset (step 7/8 of §2.5).
    func dataset(_ resolved: HAPIResolvedID) async throws(HAPIError) -> (HAPIPart, HAPIDataset) {
        let metadata: HAPIPart
        if let known = resolved.metadata {
            metadata = known
        } else {
            metadata = try await part(resolved.source, resolved.part)
        }
        guard let dataset = metadata.dataset(resolved.datasetID) else { throw HAPIError(.unknownDataset) }
        return (metadata, dataset)
    }

    /// Applies the source's `readAccess` (§7.6): nothing for public sources, 401 with a Basic
    /// challenge and a 1400 body for DENY, 1500 for ERROR.
    /// - Parameters:
    ///   - begin: the request's start in reader form, nil for `/info`.
    ///   - end: the request's stop in reader form.
    func authorize(_ source: HAPISource, begin: String?, end: String?) throws(HAPIError) {
        guard let access = source.readAccess else { return }
        let authorizer = Authorizer(
            testFrom: configuration.testFrom,
            passwordFile: configuration.passwordFile.flatMap { FileSystem.readFile($0) },
            groupFile: configuration.groupFile.flatMap { FileSystem.readFile($0) }
        )
        let decision = authorizer.authorize(
            access, authorization: context.request.authorization, clientAddress: context.request.remoteAddress,
            begin: begin.flatMap { try? DasTime(parsing: $0, defaultYear: now.year) },
            end: end.flatMap { try? DasTime(parsing: $0, defaultYear: now.year) }, now: now
        )
        for line in decision.log { context.log.log("   \(line)") }
        switch decision.outcome {
        case .allow:
            return
        case .challenge:
            let realm = source.dsdf["securityRealm"] ?? configuration.securityRealm ?? "\(context.scriptName)/\(source.name)"
            throw HAPIError(
                .userInputError, clarification: "authorization required", httpStatus: 401,
                headers: [("WWW-Authenticate", "Basic realm=\"\(HeaderValue.quotable(realm))\"")]
            )
        case .error(let message):
            note("authorization could not be checked: \(message)")
            throw HAPIError(.internalError)
        case .badRequest:
            throw HAPIError(.userInputError)
        }
    }
}
