/// Bins records of a packet whose planes are all binary reals straight from their bytes: the
/// reducers' per-record path for records seen in place in the reader's buffer.
///
/// Small records (a time and a few `<y>`) cost more in generic decoding (a `Double` array,
/// a dispatch per plane) and in per-run set-up than in their statistics; this reads each
/// value where it lies and updates its statistics at once. Long runs (a wide `<yscan>`) are
/// decoded first and go four at a time through ``FillTest/accumulate(_:count:into:)``. The
/// statistics are those of the decoding path, value for value.
struct BinaryRecordAccumulator: Sendable {
    /// The four binary encodings.
    enum Kind: Sendable {
        case real8LittleEndian, real8BigEndian, real4LittleEndian, real4BigEndian

        init?(_ encoding: ValueEncoding) {
            switch encoding.kind {
            case .real8LittleEndian: self = .real8LittleEndian
            case .real8BigEndian: self = .real8BigEndian
            case .real4LittleEndian: self = .real4LittleEndian
            case .real4BigEndian: self = .real4BigEndian
            case .ascii, .time: return nil
            }
        }

        /// Value `index` of consecutive values of this kind at `bytes`.
        @inline(__always)
        func value(_ bytes: UnsafeRawPointer, at index: Int) -> Double {
            switch self {
            case .real8LittleEndian:
                Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)))
            case .real8BigEndian:
                Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)))
            case .real4LittleEndian:
                Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))))
            case .real4BigEndian:
                Double(Float(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))))
            }
        }

        /// Decodes `count` consecutive values of this kind at `bytes`, one loop per kind.
        @inline(__always)
        func decode(_ bytes: UnsafeRawPointer, count: Int, into values: UnsafeMutablePointer<Double>) {
            switch self {
            case .real8LittleEndian:
                for index in 0..<count { values[index] = Self.real8LittleEndian.value(bytes, at: index) }
            case .real8BigEndian:
                for index in 0..<count { values[index] = Self.real8BigEndian.value(bytes, at: index) }
            case .real4LittleEndian:
                for index in 0..<count { values[index] = Self.real4LittleEndian.value(bytes, at: index) }
            case .real4BigEndian:
                for index in 0..<count { values[index] = Self.real4BigEndian.value(bytes, at: index) }
            }
        }
    }

    /// Consecutive values of one kind and one fill value, feeding consecutive accumulators.
    struct Run: Sendable {
        let byteOffset: Int
        let count: Int
        let kind: Kind
        let accumulatorOffset: Int
        let fill: FillTest
    }

    /// Runs this long or longer are decoded first and accumulated four values at a time.
    static let vectorCount = 8

    /// Bytes in a record.
    let recordSize: Int
    let xByteOffset: Int
    let xKind: Kind
    let runs: [Run]

    /// An accumulator for records of `planes`, or nil when a plane holds text or a data plane
    /// is collapsed (those take the decoding path).
    /// - Parameter runs: the reducer's runs, in the record's value order.
    init?(planes: [Plane], xIndex: Int, runs: [PacketBins.Run]) {
        // Where each value of the record lies, and its kind.
        var byteOffsets: [Int] = []
        var kinds: [Kind] = []
        var offset = 0
        for plane in planes {
            guard let kind = Kind(plane.encoding) else { return nil }
            for _ in 0..<plane.items {
                byteOffsets.append(offset)
                kinds.append(kind)
                offset += plane.encoding.width
            }
        }
        recordSize = offset
        xByteOffset = byteOffsets[xIndex]
        xKind = kinds[xIndex]
        var split: [Run] = []
        for run in runs {
            guard !run.collapsed else { return nil }
            var first = run.inputOffset
            let end = run.inputOffset + run.count
            while first < end {
                var last = first + 1
                while last < end && kinds[last] == kinds[first] { last += 1 }
                split.append(
                    Run(
                        byteOffset: byteOffsets[first], count: last - first, kind: kinds[first],
                        accumulatorOffset: run.accumulatorOffset + first - run.inputOffset, fill: run.fill
                    )
                )
                first = last
            }
        }
        self.runs = split
    }

    /// The record's x value, as stored.
    @inline(__always)
    func x(_ record: UnsafeRawPointer) -> Double {
        xKind.value(record + xByteOffset, at: 0)
    }

    /// Adds the non-fill values of some records of a batch to the statistics.
    /// - Parameters:
    ///   - deviations: Welford means and second moments, when kept.
    ///   - scratch: room for the values of the longest run.
    @inline(__always)
    func accumulate(
        _ records: UnsafeDas2RecordBatch,
        _ range: Range<Int>,
        into statistics: Accumulators,
        deviations: (means: UnsafeMutablePointer<Double>, moments: UnsafeMutablePointer<Double>)?,
        scratch: UnsafeMutablePointer<Double>
    ) {
        // Run by run, so that each run's set-up serves all the records.
        runs.withUnsafeBufferPointer { runs in
            for run in runs {
                let slots = statistics.advanced(by: run.accumulatorOffset)
                let moments = deviations.map { ($0.means + run.accumulatorOffset, $0.moments + run.accumulatorOffset) }
                if run.count >= Self.vectorCount {
                    for record in range {
                        let bytes = records.bytes(at: record) + run.byteOffset
                        run.kind.decode(bytes, count: run.count, into: scratch)
                        if let (means, moments) = moments {
                            PacketBins.addDeviations(
                                scratch, count: run.count, fill: run.fill, means: means, moments: moments, counts: slots.counts, step: 1
                            )
                        }
                        run.fill.accumulate(scratch, count: run.count, into: slots)
                    }
                    continue
                }
                // The statistics of the tools' default options get loops of their own, free of
                // tests for the statistics they do not keep.
                if moments == nil && slots.extremes == nil {
                    let known = Accumulators(sums: slots.sums, counts: slots.counts, extremes: nil, peaks: nil)
                    if let peaks = slots.peaks {
                        var withPeaks = known
                        withPeaks.peaks = peaks
                        Self.add(run, records, range, withPeaks, nil)
                    } else {
                        Self.add(run, records, range, known, nil)
                    }
                } else {
                    Self.add(run, records, range, slots, moments)
                }
            }
        }
    }

    /// Adds the non-fill values of a short run to their statistics, one loop per kind, so
    /// that the kind is not tested for every value.
    @inline(__always)
    private static func add(
        _ run: Run,
        _ records: UnsafeDas2RecordBatch,
        _ range: Range<Int>,
        _ slots: Accumulators,
        _ deviations: (means: UnsafeMutablePointer<Double>, moments: UnsafeMutablePointer<Double>)?
    ) {
        switch run.kind {
        case .real8LittleEndian:
            add(run, records, range, slots, deviations) { Kind.real8LittleEndian.value($0, at: $1) }
        case .real8BigEndian:
            add(run, records, range, slots, deviations) { Kind.real8BigEndian.value($0, at: $1) }
        case .real4LittleEndian:
            add(run, records, range, slots, deviations) { Kind.real4LittleEndian.value($0, at: $1) }
        case .real4BigEndian:
            add(run, records, range, slots, deviations) { Kind.real4BigEndian.value($0, at: $1) }
        }
    }

    /// Adds the non-fill values of a short run of values read by `value` to their statistics.
    @inline(__always)
    private static func add(
        _ run: Run,
        _ records: UnsafeDas2RecordBatch,
        _ range: Range<Int>,
        _ slots: Accumulators,
        _ deviations: (means: UnsafeMutablePointer<Double>, moments: UnsafeMutablePointer<Double>)?,
        value: (UnsafeRawPointer, Int) -> Double
    ) {
        for record in range {
            let bytes = records.bytes(at: record) + run.byteOffset
            for index in 0..<run.count {
                let value = value(bytes, index)
                if run.fill.isFill(value) { continue }
                if let (means, moments) = deviations {
                    addDeviation(value, count: slots.counts[index], mean: means + index, moment: moments + index)
                }
                FillTest.add(value, at: index, to: slots)
            }
        }
    }

    /// Welford's update of one mean and second moment (tools.md §10 row 6); `count` is the
    /// number of values before this one.
    @inline(__always)
    static func addDeviation(_ value: Double, count: Double, mean: UnsafeMutablePointer<Double>, moment: UnsafeMutablePointer<Double>) {
        let delta = value - mean.pointee
        mean.pointee += delta / (count + 1)
        moment.pointee += delta * (value - mean.pointee)
    }
}
