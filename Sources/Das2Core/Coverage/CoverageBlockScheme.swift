/// How a cache level divides time into blocks, one cache file per block
/// (cache-and-queue.md §2; the `BLOCK` field of a DSDF `cacheLevel`).
public enum CoverageBlockScheme: String, CaseIterable, Hashable, Sendable {
    /// One block per second.
    case persecond
    /// One block per minute.
    case perminute
    /// One block per hour.
    case hourly
    /// One block per day.
    case daily
    /// One block per calendar month.
    case monthly
    /// One block per calendar year (DC-1: the Python reference cannot build these).
    case yearly
}
