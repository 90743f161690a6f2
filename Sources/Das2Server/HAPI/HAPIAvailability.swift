/// The cache coverage behind an availability answer (hapi.md §8.4).
struct HAPIAvailability: Sendable {
    /// Consecutive stretches of the request, microseconds since 2000, each with the block file
    /// of the reference level found for it (nil: none).
    var stretches: [(start: Int64, stop: Int64, file: HAPICacheFile?)]

    /// The block files consulted.
    var files: [HAPICacheFile] {
        stretches.compactMap(\.file)
    }

    /// The records: each stretch with its status (`data` when its block holds a data packet,
    /// `nodata` when it holds none, `unknown` without a block), equal neighbours merged. Reads
    /// the blocks (their summaries are remembered by the store).
    func records(store: HAPIStore) -> [(start: Int64, stop: Int64, status: String)] {
        var records: [(start: Int64, stop: Int64, status: String)] = []
        for stretch in stretches {
            let status = stretch.file.map { store.blockSummary($0).hasData ? "data" : "nodata" } ?? "unknown"
            if let last = records.last, last.status == status, last.stop == stretch.start {
                records[records.count - 1].stop = stretch.stop
            } else {
                records.append((stretch.start, stretch.stop, status))
            }
        }
        return records
    }
}
