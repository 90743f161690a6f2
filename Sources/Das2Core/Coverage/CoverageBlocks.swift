/// The blocks of one scheme covering a time range, in time order (cache-and-queue.md §2.1).
///
/// Made by ``CoverageBlock/blocks(from:to:scheme:)``. The blocks are produced one at a time,
/// so a long range of small blocks costs no memory; ``count`` is computed without walking
/// them.
public struct CoverageBlocks: Sequence, Hashable, Sendable {
    /// The block holding the range's first instant.
    public let first: CoverageBlock
    /// The end of the range, normalized: blocks starting at or after it are not included.
    public let end: DasTime

    init(first: CoverageBlock, end: DasTime) {
        self.first = first
        self.end = end
    }

    /// The number of blocks.
    public var count: Int {
        let last = CoverageBlock(containing: end, scheme: first.scheme)
        let past = last.ordinal + (last.starts(before: end) ? 1 : 0)
        return Swift.max(0, past - first.ordinal)
    }

    /// Whether the range holds no block.
    public var isEmpty: Bool { !first.starts(before: end) }

    public func makeIterator() -> Iterator {
        Iterator(next: first, end: end)
    }

    public var underestimatedCount: Int { count }

    /// Produces the blocks one after the other.
    public struct Iterator: IteratorProtocol, Sendable {
        var nextBlock: CoverageBlock
        let end: DasTime

        init(next: CoverageBlock, end: DasTime) {
            nextBlock = next
            self.end = end
        }

        public mutating func next() -> CoverageBlock? {
            guard nextBlock.starts(before: end) else { return nil }
            defer { nextBlock = nextBlock.next }
            return nextBlock
        }
    }
}
