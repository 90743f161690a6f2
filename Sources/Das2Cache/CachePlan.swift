public import Das2Core

/// Whether and how a data request is answered from the cache (cache-and-queue.md §3).
///
/// The plan chooses the level (§3.1–§3.2), snaps the request to its blocks (§2.1) and looks for
/// the block files (regular files, empty ones included): all present is a hit, served by the
/// cache reader; otherwise the missing blocks are returned as the `TASK_CACHE` jobs to queue.
///
/// ```swift
/// let plan = try CachePlan(source: dsdf, layout: layout, parameters: params, resolution: 60,
///                          begin: begin, end: end)
/// switch plan.decision {
/// case .hit: …                      // run the cache reader
/// case .miss(let tasks): …          // queue tasks, run the reader
/// case .notCacheable: …             // run the reader
/// }
/// ```
public struct CachePlan: Hashable, Sendable {
    /// What to do with the request.
    public enum Decision: Hashable, Sendable {
        /// The source or the request cannot use the cache: run the reader and queue nothing.
        case notCacheable
        /// Every block of the chosen level exists: run the cache reader.
        case hit
        /// Some blocks are missing: queue one task per missing block (in time order), run the
        /// reader.
        case miss([CacheTask])
    }

    /// The most blocks one request may look for: beyond it (decades of hourly blocks, days of
    /// per-second ones) the request is not cacheable, so that one request cannot make the
    /// server check and queue millions of blocks.
    public static let maximumBlocks = 100_000

    /// The chosen level, nil when not cacheable.
    public let level: CacheLevel?
    /// The stream type of the source's blocks, nil for a das1 source.
    public let format: CacheStreamFormat?
    /// The decision.
    public let decision: Decision

    /// Plans a das2 data request (cache-and-queue.md §3.1–§3.3).
    ///
    /// Not cacheable: a source that requires an interval (DC-3) or is a legacy das1 source, no
    /// level whose normalized parameters equal the request's with a resolution not above the
    /// requested one, an empty time range, or more than ``maximumBlocks`` blocks.
    /// - Parameters:
    ///   - dsdf: The source, substituted; its ``DSDF/name`` names the cache directory.
    ///   - layout: The cache tree.
    ///   - parameters: The request's `params` as sent (before `dropParams`), nil when absent.
    ///   - resolution: The requested resolution in seconds, nil when absent.
    ///   - begin: The begin time, after valid-range trimming.
    ///   - end: The end time, after valid-range trimming.
    /// - Throws: ``Das2CoreError`` for a malformed `cacheLevel` (dsdf.md §4.7).
    public init(
        source dsdf: DSDF, layout: CacheLayout, parameters: String?, resolution: Double?, begin: DasTime, end: DasTime
    ) throws(Das2CoreError) {
        let level = try dsdf.cacheLevels().levels.level(
            forResolution: resolution, normalizedParameters: ReaderParameters(parameters).normalized)
        self.init(source: dsdf, layout: layout, level: level, begin: begin, end: end)
    }

    /// Checks the coverage of a level chosen by the caller, such as the exact-resolution level
    /// of a HAPI sub-source (cache-and-queue.md §3.4).
    /// - Parameters:
    ///   - dsdf: The source, substituted.
    ///   - layout: The cache tree.
    ///   - level: The level, or nil when there is none.
    ///   - begin: The begin time.
    ///   - end: The end time.
    public init(source dsdf: DSDF, layout: CacheLayout, level: CacheLevel?, begin: DasTime, end: DasTime) {
        format = CacheStreamFormat(dsdf: dsdf)
        guard let level, let format, !dsdf.isTrue("requiresInterval") else {
            self.level = nil
            decision = .notCacheable
            return
        }
        let blocks = CoverageBlock.blocks(from: begin, to: end, scheme: level.block)
        guard !blocks.isEmpty, blocks.count <= Self.maximumBlocks else {
            self.level = nil
            decision = .notCacheable
            return
        }
        var missing: [CacheTask] = []
        for block in blocks {
            let path = layout.blockPath(dataset: dsdf.name, level: level, block: block, format: format)
            guard !FileSystem.isRegularFile(path) else { continue }
            missing.append(
                CacheTask(dataset: dsdf.name, begin: block.startText, end: block.endText, level: String(level.number)))
        }
        self.level = level
        decision = missing.isEmpty ? .hit : .miss(missing)
    }
}
