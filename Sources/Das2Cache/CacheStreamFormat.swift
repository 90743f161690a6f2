public import Das2Core

/// The stream type of a source's cache blocks, which names their file extension
/// (cache-and-queue.md §1).
public enum CacheStreamFormat: String, Hashable, Sendable, CaseIterable {
    /// das2.2 streams, `.d2s` files.
    case das2 = "d2s"
    /// QStreams, `.qds` files.
    case qstream = "qds"

    /// The block file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The format of a source's output: das2 when `das2Stream` is true, QStream when `qstream`
    /// is; nil for a legacy das1 source, which is never cached (it always requires an interval,
    /// dsdf.md §4.6).
    /// - Parameter dsdf: The source definition.
    public init?(dsdf: DSDF) {
        if dsdf.isTrue("das2Stream") {
            self = .das2
        } else if dsdf.isTrue("qstream") {
            self = .qstream
        } else {
            return nil
        }
    }
}
