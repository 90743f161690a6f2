import Das2Cache
import Das2Core
import Das2Pipeline

/// The cache blocks of one source part over `[begin, end)`.
struct HAPICacheView {
    let site: HAPISite
    let source: HAPISource
    let part: HAPISourcePart
    let layout: CacheLayout
    let begin: HAPITime
    let end: HAPITime

    /// The block files of a level covering the range when all exist (a complete level), else
    /// nil with the missing blocks, which the caller queues for the cache builder (§7.5.3).
    func completeFiles(_ level: CacheLevel) -> (files: [HAPICacheFile]?, missing: [CacheTask]) {
        let plan = CachePlan(source: source.dsdf, layout: layout, level: level, begin: begin.dasTime, end: end.dasTime)
        switch plan.decision {
        case .hit:
            let files = CoverageBlock.blocks(from: begin.dasTime, to: end.dasTime, scheme: level.block).compactMap { block in
                let path = layout.blockPath(dataset: source.name, level: level, block: block, format: .das2)
                return FileSystem.status(path).map { HAPICacheFile(path: path, size: $0.size, modified: $0.modified) }
            }
            return (files, [])
        case .miss(let tasks):
            return (nil, tasks)
        case .notCacheable:
            return (nil, [])
        }
    }

    /// Whether cached bins have the reduced dataset's definition (their `.min` and `.max`
    /// planes included), judged by the first block that defines the packet type.
    /// - Parameter readingBlocks: false for answers that must not read blocks (HEAD and the
    ///   304 decision, §1.3, §8.2): only what earlier reads remember is used, and blocks never
    ///   read are taken to fit.
    func blocks(_ files: [HAPICacheFile], carry dataset: HAPIDataset, readingBlocks: Bool) -> Bool {
        guard let layout = dataset.layout, let id = dataset.packetID else { return false }
        for file in files {
            let summary = readingBlocks ? site.store.blockSummary(file) : site.store.knownBlockSummary(file)
            if let header = summary?.headers[id] { return HAPIPlanes.Layout(header) == layout }
        }
        return true
    }

    /// The in-process cache reader over the range.
    func readerStage(_ level: CacheLevel) throws(HAPIError) -> PipelineStage {
        let resolution = level.resolutionSeconds > 0 ? HAPINumberFormat.durationSeconds(level.resolutionSeconds) : "intrinsic"
        let arguments = [
            source.path, layout.datasetDirectory(source.name), part.normalizedParameters, begin.readerText, end.readerText,
            resolution,
        ]
        let stage: PipelineStage?
        do {
            stage = try CacheReader.pipelineStage(commandText: CacheReader.programName, arguments: arguments)
        } catch {
            site.note("cannot read the cache: \(error.message)")
            throw HAPIError(.internalError)
        }
        guard let stage else { throw HAPIError(.internalError) }
        return stage
    }

    /// Calls `body` for each stretch of the range, in time order, with the block file that
    /// exists for it (nil for none). A missing block directory stands for its whole period
    /// without looking at every block below it.
    func blocks(_ level: CacheLevel, _ body: (Int64, Int64, HAPICacheFile?) -> Void) {
        var block = CoverageBlock(containing: begin.dasTime, scheme: level.block)
        let levelDirectory = layout.levelDirectory(dataset: source.name, level: level)
        var directories: [String: Bool] = [:]
        // Compared as das2 times: microseconds are clamped at year 10000, where blocks of a
        // range reaching that far would all compare equal to the end.
        let endTime = end.dasTime
        blocks: while block.start.isEarlier(than: endTime) {
            var directory = levelDirectory
            for (depth, name) in block.directories.enumerated() {
                directory += "/" + name
                let exists = directories[directory] ?? FileSystem.isDirectory(directory)
                directories[directory] = exists
                if !exists {
                    let next = Self.periodEnd(of: block, depth: depth)
                    body(HAPISite.microseconds(block.start), HAPISite.microseconds(next), nil)
                    block = CoverageBlock(containing: next, scheme: level.block)
                    continue blocks
                }
            }
            let path = layout.blockPath(dataset: source.name, level: level, block: block, format: .das2)
            let start = HAPISite.microseconds(block.start)
            let end = HAPISite.microseconds(block.end)
            if let status = FileSystem.status(path), status.isRegularFile {
                body(start, end, HAPICacheFile(path: path, size: status.size, modified: status.modified))
            } else {
                body(start, end, nil)
            }
            block = block.next
        }
    }

    /// The end of the calendar period a block directory at `depth` stands for (year, month,
    /// day, hour, minute).
    private static func periodEnd(of block: CoverageBlock, depth: Int) -> DasTime {
        let start = block.start
        var end = DasTime(year: start.year, month: 1, mday: 1)
        switch depth {
        case 0: end = DasTime(year: start.year + 1, month: 1, mday: 1)
        case 1: end = DasTime(year: start.year, month: start.month + 1, mday: 1)
        case 2: end = DasTime(year: start.year, month: start.month, mday: start.mday + 1)
        case 3: end = DasTime(year: start.year, month: start.month, mday: start.mday, hour: start.hour + 1)
        default: end = DasTime(year: start.year, month: start.month, mday: start.mday, hour: start.hour, minute: start.minute + 1)
        }
        return end.normalized()
    }
}
