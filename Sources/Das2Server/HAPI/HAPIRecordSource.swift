import Das2Cache
import Das2Pipeline

/// Where a data request's das2 records come from (hapi.md §7.5.3, §8.1.4).
struct HAPIRecordSource: Sendable {
    /// The stages producing the records.
    var stages: [PipelineStage]
    /// Whether the records still have to be binned (a reduced dataset whose bins are not
    /// cached).
    var needsBinning: Bool
    /// The cache files every record comes from, nil when a reader produces them.
    var files: [HAPICacheFile]?
    /// The blocks of the cache levels consulted that are missing, to be queued for the cache
    /// builder when the reader runs (§7.5.3, §8.1.4).
    var missingBlocks: [CacheTask] = []
}
