extension Sequence where Element == CacheLevel {
    /// The level that answers a data request (cache-and-queue.md §3.1–§3.2): among the levels
    /// whose normalized parameters equal the request's, the one with the largest resolution not
    /// above the requested one; of two such levels with the same resolution, the one with the
    /// higher level number.
    ///
    /// The das2 cache reader applies the same rule, so the server and the reader agree.
    /// - Parameters:
    ///   - resolution: The requested resolution in seconds; `nil`, zero, a negative value or
    ///     NaN ask for the intrinsic level.
    ///   - normalizedParameters: The request's parameters normalized (``ReaderParameters/normalized``),
    ///     `_noparam` without parameters.
    /// - Returns: The level, or `nil` when the request is not cacheable.
    public func level(forResolution resolution: Double?, normalizedParameters: String) -> CacheLevel? {
        let limit = resolution.map { $0 > 0 ? $0 : 0 } ?? 0
        var chosen: CacheLevel?
        for level in self where level.normalizedParameters == normalizedParameters && level.resolutionSeconds <= limit {
            if let best = chosen,
                best.resolutionSeconds > level.resolutionSeconds
                    || best.resolutionSeconds == level.resolutionSeconds && best.number > level.number
            {
                continue
            }
            chosen = level
        }
        return chosen
    }

    /// The level of exactly a resolution, for HAPI sub-sources (cache-and-queue.md §3.4): the
    /// normalized parameters equal and the resolutions differ by at most 1e-4 of the larger one;
    /// a resolution of 0 matches only the intrinsic level. Of several matches, the one with the
    /// highest level number.
    /// - Parameters:
    ///   - resolution: The sub-source resolution in seconds, 0 for intrinsic data.
    ///   - normalizedParameters: The sub-source parameters normalized, `_noparam` without.
    /// - Returns: The level, or `nil` when none matches.
    public func level(exactResolution resolution: Double, normalizedParameters: String) -> CacheLevel? {
        var chosen: CacheLevel?
        for level in self where level.normalizedParameters == normalizedParameters {
            let difference = abs(level.resolutionSeconds - resolution)
            let scale = Swift.max(abs(level.resolutionSeconds), abs(resolution))
            let matches = resolution == 0 || level.resolutionSeconds == 0
                ? level.resolutionSeconds == resolution
                : difference <= 1e-4 * scale
            if matches && (chosen?.number ?? Int.min) < level.number {
                chosen = level
            }
        }
        return chosen
    }
}
