import Das2Cache
import Das2Core
import Das2Pipeline

extension HAPISite {
    /// The stages for the records of `[begin, end)`: a complete cache level read in-process,
    /// else the reader; for a reduced dataset its own cached bins when they can be used as
    /// they are (§8.1.4 step 1), else the intrinsic records to be binned. The missing blocks of
    /// every level consulted go with the answer, to be queued.
    func recordSource(
        _ request: HAPIDataRequest, begin: HAPITime, end: HAPITime, readingBlocks: Bool = true
    ) throws(HAPIError) -> HAPIRecordSource {
        let source = request.source
        let part = request.part
        var reduction: Double?
        if case .reduced(_, let seconds, _, _) = request.dataset.kind { reduction = seconds }
        var fromReader = HAPIRecordSource(
            stages: try readerStages(source, part: part, begin: begin, end: end), needsBinning: reduction != nil, files: nil
        )
        guard let cacheRoot = configuration.cacheRoot, !part.requiresInterval, let levels = try? source.dsdf.cacheLevels().levels else {
            return fromReader
        }
        let cache = HAPICacheView(site: self, source: source, part: part, layout: CacheLayout(root: cacheRoot), begin: begin, end: end)
        if let seconds = reduction, let level = levels.level(exactResolution: seconds, normalizedParameters: part.normalizedParameters) {
            let binned = cache.completeFiles(level)
            if let files = binned.files, Self.blockLength(level.block).truncatingRemainder(dividingBy: seconds).magnitude < 1e-9,
                cache.blocks(files, carry: request.dataset, readingBlocks: readingBlocks)
            {
                return HAPIRecordSource(stages: [try cache.readerStage(level)], needsBinning: false, files: files)
            }
            fromReader.missingBlocks = binned.missing
        }
        guard let level = levels.level(exactResolution: part.resolution, normalizedParameters: part.normalizedParameters) else {
            return fromReader
        }
        let intrinsic = cache.completeFiles(level)
        guard let files = intrinsic.files else {
            fromReader.missingBlocks += intrinsic.missing
            return fromReader
        }
        return HAPIRecordSource(
            stages: [try cache.readerStage(level)], needsBinning: reduction != nil, files: files, missingBlocks: fromReader.missingBlocks
        )
    }

    /// The cache coverage of an availability request (§8.4), from file metadata only.
    func availability(_ request: HAPIDataRequest) -> HAPIAvailability {
        let start = request.clippedStart.microsecondsRoundedUp
        let stop = request.clippedStop.microsecondsRoundedUp
        let part = request.part
        guard let cacheRoot = configuration.cacheRoot, let levels = try? request.source.dsdf.cacheLevels().levels,
            let reference = levels.filter({ $0.normalizedParameters == part.normalizedParameters })
                .min(by: { ($0.resolutionSeconds, -$0.number) < ($1.resolutionSeconds, -$1.number) })
        else { return HAPIAvailability(stretches: [(start, stop, nil)]) }
        let cache = HAPICacheView(
            site: self, source: request.source, part: part, layout: CacheLayout(root: cacheRoot), begin: request.clippedStart,
            end: request.clippedStop
        )
        var availability = HAPIAvailability(stretches: [])
        cache.blocks(reference) { from, to, file in
            let from = max(from, start)
            let to = min(to, stop)
            guard from < to else { return }
            if file == nil, let last = availability.stretches.last, last.file == nil, last.stop == from {
                availability.stretches[availability.stretches.count - 1].stop = to
            } else {
                availability.stretches.append((from, to, file))
            }
        }
        return availability
    }

    /// The entity tag and `Last-Modified` of data fully determined by cache files (§8.2).
    func dataValidators(_ request: HAPIDataRequest, files: [HAPICacheFile]) -> (entityTag: String, lastModified: Int64) {
        var text = "\(Self.software)\n\(request.dataset.id)\n\(request.start.readerText)\n\(request.stop.readerText)\n"
        text += request.parameters.map(\.name).joined(separator: ",") + "\n\(request.format.rawValue)\n\(request.includeHeader)\n"
        var newest = request.source.newestModification
        for file in files {
            text += "\(file.path) \(file.size) \(file.modified)\n"
            newest = max(newest, file.modified / 1_000_000_000)
        }
        return (HAPIResponses.entityTag(Array(text.utf8)), newest)
    }

    /// The length of a block in seconds, or of its unit of whole days for calendar blocks: a
    /// resolution that divides it puts the block starts on the resolution's grid.
    static func blockLength(_ scheme: CoverageBlockScheme) -> Double {
        switch scheme {
        case .persecond: 1
        case .perminute: 60
        case .hourly: 3600
        case .daily, .monthly, .yearly: 86_400
        }
    }
}
