/// A cache file a response depends on, by the state that makes its entity tag (hapi.md §8.2).
struct HAPICacheFile: Hashable, Sendable {
    var path: String
    var size: Int
    /// Modification time, nanoseconds since 1970.
    var modified: Int64
}
