import Das2Core
import Das2Stream

/// A source part with its metadata: every dataset it offers (hapi.md §7.2, §7.4, §8), built
/// from the stored probe result for each request (the stream URL in `x_das2` depends on the
/// request's host).
struct HAPIPart: Sendable {
    var source: HAPISource
    var part: HAPISourcePart
    /// The datasets: the primary first, then the other packet types by id, then the reduced
    /// datasets, then availability.
    var datasets: [HAPIDataset]
    /// `Last-Modified` of metadata built on this part, POSIX seconds.
    var lastModified: Int64

    /// The dataset with an id.
    func dataset(_ id: String) -> HAPIDataset? {
        datasets.first { $0.id == id }
    }

    /// The datasets `/catalog` lists (§7.1 (c)).
    func listedDatasets(extensions: Bool) -> [HAPIDataset] {
        guard source.isListed else { return [] }
        return datasets.filter { dataset in
            switch dataset.kind {
            case .packet, .declared: true
            case .reduced, .availability: extensions
            }
        }
    }
}

extension HAPISite {
    /// The metadata of a part, probing when needed (unless `probing` is false: then only stored
    /// results are used).
    /// - Throws: 1500 when it cannot be obtained (probe failure without items, DSDF error).
    func part(_ source: HAPISource, _ part: HAPISourcePart, probing: Bool = true) async throws(HAPIError) -> HAPIPart {
        let valid: (begin: Int64, end: Int64)
        do {
            valid = try validRange(source)
        } catch {
            if case .misconfigured(let message) = error { note(message) }
            throw HAPIError(.internalError)
        }
        let probeRange = self.probeRange(source, validRange: valid)
        var probe: HAPIProbeResult?
        var lastModified = max(source.newestModification, store.createdAt)
        if let probeRange {
            guard let entry = await probeOutcome(source, part: part, range: probeRange, probing: probing) else {
                throw HAPIError(.internalError)
            }
            lastModified = max(source.newestModification, entry.ranAt)
            if case .probed(let result) = entry.outcome { probe = result }
        }
        let items = HAPIParameterBuilder.items(of: source.dsdf)
        guard probe != nil || !items.isEmpty else { throw HAPIError(.internalError) }
        let builder = HAPIPartBuilder(
            site: self, source: source, part: part, validRange: valid, probeRange: probeRange, items: items
        )
        let datasets = probe.map { builder.datasets(probe: $0) } ?? builder.declaredDatasets()
        return HAPIPart(source: source, part: part, datasets: datasets, lastModified: lastModified)
    }
}
