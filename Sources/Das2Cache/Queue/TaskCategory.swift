/// The job category of a task string, field 6 (cache-and-queue.md §5.3).
public enum TaskCategory: String, CaseIterable, Hashable, Sendable {
    /// Build pre-reduced cache blocks (§7.4).
    case cache = "TASK_CACHE"
    /// Update usage statistics (not implemented by any arbiter).
    case usage = "TASK_USAGE"
    /// Update coverage plots (not implemented by any arbiter).
    case coverage = "TASK_COVERAGE"
    /// Update a cached file list (not implemented by any arbiter).
    case list = "TASK_LIST"
    /// Cache a HAPI info answer (§7.5; superseded by the server's own probe, hapi.md §7.8).
    case hapiInfoCache = "HAPI_INFO_CACHE"

    /// The number of fields of a queued task of this category, common fields included.
    public var fieldCount: Int {
        switch self {
        case .cache: 11
        case .usage: 13
        case .coverage: 10
        case .list: 7
        case .hapiInfoCache: 9
        }
    }
}
