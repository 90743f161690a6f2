/// The records of a reader, by index: a fixed cadence anchored at 2000-01-01T00:00:00 (us2000 0),
/// cut to a request `[begin, end)`.
///
/// Anchoring the grid at the epoch instead of at the request's begin makes overlapping
/// requests return the same records, which HAPI clients compare (hapi.md §7.3).
struct RecordGrid: Sequence, Sendable {
    /// The cadence in microseconds.
    let step: Double
    /// The index of the first record; record k lies at k × step.
    let first: Int64
    /// The number of records.
    let count: Int64

    /// The largest grid index a request may reach; beyond it k × step stops being exact.
    private static let indexLimit = 0x1p52

    /// The records of a cadence inside `[begin, end)`.
    /// - Parameters:
    ///   - step: the cadence in microseconds, > 0.
    ///   - begin: the first admissible time, us2000.
    ///   - end: the exclusive upper bound, us2000.
    /// - Returns: nil when the request reaches grid indices too large to compute exactly (a
    ///   tiny cadence over a long range).
    init?(step: Double, begin: Double, end: Double) {
        guard step > 0, (begin / step).magnitude < Self.indexLimit, (end / step).magnitude < Self.indexLimit else {
            return nil
        }
        self.step = step
        let first = Self.firstIndex(atOrAfter: begin, step: step)
        self.first = first
        self.count = Swift.max(0, Self.firstIndex(atOrAfter: end, step: step) - first)
    }

    /// The time of record `index`, us2000.
    func time(_ index: Int64) -> Double { Double(index) * step }

    /// The smallest index whose time is at or after `time`; the division is only a guess that
    /// the loops correct, since k × step need not round like time / step.
    private static func firstIndex(atOrAfter time: Double, step: Double) -> Int64 {
        var index = Int64((time / step).rounded(.up))
        while Double(index) * step < time { index += 1 }
        while Double(index - 1) * step >= time { index -= 1 }
        return index
    }

    func makeIterator() -> Iterator {
        Iterator(position: first, end: first + count)
    }

    /// Yields the indices of the records in order.
    struct Iterator: IteratorProtocol {
        var position: Int64
        let end: Int64

        mutating func next() -> Int64? {
            guard position < end else { return nil }
            defer { position += 1 }
            return position
        }
    }

    /// A position in the grid, for readers that merge several cadences.
    struct Cursor: Sendable {
        let grid: RecordGrid
        private var index: Int64

        init(_ grid: RecordGrid) {
            self.grid = grid
            self.index = grid.first
        }

        /// The time of the current record, or nil past the last one.
        var time: Double? { index < grid.first + grid.count ? grid.time(index) : nil }

        /// Moves to the next record.
        mutating func advance() { index += 1 }
    }
}
