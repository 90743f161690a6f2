import Das2Core

/// The pending bin of one packet id, and how its input planes map onto output planes.
struct PacketBins: Sendable {
    /// One input data plane and where its statistics go.
    struct Group: Sendable {
        let inputOffset: Int
        let inputItems: Int
        let collapsed: Bool
        let accumulatorOffset: Int
        let outputItems: Int
        let fill: FillTest
        let outputFill: Double
        let averageIndex: Int
        let minimumIndex: Int?
        let maximumIndex: Int?
        let deviationIndex: Int?
        let peakIndex: Int?
    }

    /// Input values accumulated alike: adjacent planes with one fill value become one run.
    struct Run: Sendable {
        let inputOffset: Int
        let count: Int
        let accumulatorOffset: Int
        let collapsed: Bool
        let fill: FillTest
    }

    let output: PacketHeader
    /// Bin width in µs (time binning) or x units.
    let binWidth: Double
    private let timeBinning: Bool
    private let xValueIndex: Int?
    private let xPlaneCount: Int
    /// The time scale of x when binning time and x is not already in us2000.
    private let xConversion: TimeScale?
    private let outputXIndices: [Int]
    private let groups: [Group]
    private let runs: [Run]
    /// Why records of this packet cannot be binned, found when the header arrived and
    /// reported on the first record, as das2C does.
    private let xProblem: Das2StreamError?
    private let tracksExtremes: Bool
    private let tracksPeaks: Bool
    private let tracksDeviation: Bool
    /// The batch record path's accumulator, when every input plane is binary.
    private let binaryAccumulator: BinaryRecordAccumulator?

    /// A decoded record, or the long runs of one in place (room for every input value).
    private var input: [Double]
    private var outputValues: [Double]
    /// Accumulators, `accumulatorCount` each, one after another: sums, counts, minima, maxima,
    /// peaks, Welford means and second moments. One buffer keeps the per-record path to a
    /// single uniqueness check.
    private var statistics: [Double]
    private let accumulatorCount: Int
    /// The current bin number, nil when no record is pending.
    private(set) var bin: Double?

    /// A placeholder for an id without a header; reducers keep one per id so the active ones
    /// can be updated in place inside an array.
    static let inactive = PacketBins()

    private init() {
        output = PacketHeader(id: 1, planes: [])
        binWidth = 1
        timeBinning = false
        xValueIndex = nil
        xPlaneCount = 0
        xConversion = nil
        outputXIndices = []
        groups = []
        runs = []
        xProblem = nil
        tracksExtremes = false
        tracksPeaks = false
        tracksDeviation = false
        binaryAccumulator = nil
        input = []
        outputValues = []
        statistics = []
        accumulatorCount = 0
    }

    init(input header: PacketHeader, configuration: BinAverager.Configuration, streamProperties: Das2Properties) throws(Das2StreamError) {
        let timeBinning: Bool
        switch configuration.binning {
        case .seconds(let seconds, _):
            timeBinning = true
            binWidth = seconds * 1e6
        case .xUnits(let width):
            timeBinning = false
            binWidth = width
        }
        self.timeBinning = timeBinning
        tracksExtremes = configuration.minMax
        tracksPeaks = configuration.peaks
        tracksDeviation = configuration.standardDeviation

        // Output planes: the input planes (cloned, x forced to us2000 when binning time),
        // followed by the extra statistics planes.
        var planes: [Plane] = []
        var extras: [(plane: Plane, source: Int, kind: ExtraKind)] = []
        var collapsed: [Bool] = []
        var xIndex: Int?
        var xCount = 0
        var scale: TimeScale?
        var valueIndex = 0
        for plane in header.planes {
            var copy = plane
            copy.properties = plane.properties.compacted()
            copy.encoding = Self.outputEncoding(plane.encoding)
            if plane.kind == .x {
                xCount += 1
                if xIndex == nil {
                    xIndex = valueIndex
                    scale = plane.timeScale
                }
                if timeBinning { copy.units = .us2000 }
                planes.append(copy)
                collapsed.append(false)
                valueIndex += plane.items
                continue
            }
            valueIndex += plane.items
            let collapses = configuration.collapsesWaveforms
                && Self.shouldCollapse(plane, packet: header.properties, stream: streamProperties, binMicroseconds: binWidth)
            if collapses {
                let fill = plane.fill(packet: header.properties, stream: streamProperties)
                var properties = Das2Properties()
                properties.set(.datum("yFill", fill, units: nil))
                properties.copyIn(copy.properties)
                copy = Plane(.y, name: plane.name, encoding: copy.encoding, units: plane.units, properties: properties)
            }
            collapsed.append(collapses)
            let index = planes.count
            if configuration.minMax {
                extras.append((Self.derived(copy, suffix: ".min", operation: "BIN_MIN"), index, .minimum))
                copy.properties.set(.string("source", copy.name))
                copy.properties.set(.string("operation", "BIN_AVG"))
                extras.append((Self.derived(copy, suffix: ".max", operation: "BIN_MAX"), index, .maximum))
            }
            if configuration.standardDeviation {
                extras.append((Self.derived(copy, suffix: ".stddev", operation: "BIN_STDDEV"), index, .deviation))
            }
            if configuration.peaks {
                copy.properties.set(.string("source", copy.name))
                copy.properties.set(.string("operation", "BIN_AVG"))
                extras.append((Self.derived(copy, suffix: ".max", operation: "BIN_MAX"), index, .peak))
            }
            planes.append(copy)
        }
        let output = PacketHeader(id: header.id, planes: planes + extras.map(\.plane), properties: header.properties.compacted(), group: header.group)
        self.output = output
        self.xValueIndex = xIndex
        self.xPlaneCount = xCount
        xConversion = timeBinning && scale != .us2000 ? scale : nil

        // Value offsets of every output plane.
        var outputOffsets: [Int] = []
        var offset = 0
        for plane in output.planes {
            outputOffsets.append(offset)
            offset += plane.items
        }
        outputXIndices = output.planes.indices.filter { output.planes[$0].kind == .x }.map { outputOffsets[$0] }
        let extraBase = planes.count

        var groups: [Group] = []
        var accumulators = 0
        var inputOffset = 0
        for (index, plane) in header.planes.enumerated() {
            defer { inputOffset += plane.items }
            if plane.kind == .x { continue }
            let outputPlane = output.planes[index]
            func extraIndex(_ kind: ExtraKind) -> Int? {
                extras.firstIndex { $0.source == index && $0.kind == kind }.map { outputOffsets[extraBase + $0] }
            }
            groups.append(
                Group(
                    inputOffset: inputOffset,
                    inputItems: plane.items,
                    collapsed: collapsed[index],
                    accumulatorOffset: accumulators,
                    outputItems: outputPlane.items,
                    fill: FillTest(fill: plane.fill(packet: header.properties, stream: streamProperties)),
                    outputFill: outputPlane.fill(packet: output.properties, stream: streamProperties),
                    averageIndex: outputOffsets[index],
                    minimumIndex: extraIndex(.minimum),
                    maximumIndex: extraIndex(.maximum),
                    deviationIndex: extraIndex(.deviation),
                    peakIndex: extraIndex(.peak)
                )
            )
            accumulators += outputPlane.items
        }
        self.groups = groups
        var runs: [Run] = []
        for group in groups {
            let run = Run(
                inputOffset: group.inputOffset, count: group.inputItems, accumulatorOffset: group.accumulatorOffset,
                collapsed: group.collapsed, fill: group.fill
            )
            if let last = runs.last, !last.collapsed, !run.collapsed, last.fill.fill.bitPattern == run.fill.fill.bitPattern,
                last.inputOffset + last.count == run.inputOffset, last.accumulatorOffset + last.count == run.accumulatorOffset
            {
                runs[runs.count - 1] = Run(
                    inputOffset: last.inputOffset, count: last.count + run.count, accumulatorOffset: last.accumulatorOffset,
                    collapsed: false, fill: last.fill
                )
            } else {
                runs.append(run)
            }
        }
        self.runs = runs
        let name = configuration.programName
        if xIndex == nil {
            xProblem = Das2StreamError(.reduction, "\(name) reducer can't handle packets without an X plane.")
        } else if timeBinning && xCount > 1 {
            xProblem = Das2StreamError(.reduction, "\(name) reducer can't handle packets with more than one X plane.")
        } else if timeBinning && scale == nil {
            xProblem = Das2StreamError(.invalidUnits, "\(name) needs <x> values in time units such as us2000, t2000, mj1958 or t1970")
        } else {
            xProblem = nil
        }
        binaryAccumulator = xProblem == nil ? BinaryRecordAccumulator(planes: header.planes, xIndex: xIndex!, runs: runs) : nil
        input = Array(repeating: 0, count: header.valueCount)
        outputValues = Array(repeating: 0, count: output.valueCount)
        accumulatorCount = accumulators
        statistics = Array(repeating: 0, count: accumulators * 7)
    }

    private enum ExtraKind {
        case minimum, maximum, deviation, peak
    }

    /// A statistics plane derived from `plane` (das2C clones, renames and labels it).
    private static func derived(_ plane: Plane, suffix: String, operation: String) -> Plane {
        var copy = plane
        copy.properties = plane.properties.compacted()
        copy.name = plane.name + suffix
        copy.properties.set(.string("source", plane.name))
        copy.properties.set(.string("operation", operation))
        return copy
    }

    /// Binners write computed text values as `ascii` of width min(max(W, 9), 24), and keep a
    /// time width unless it is too narrow for even a year, which becomes `time24`
    /// (tools.md §10 row 25; das2C keeps the widths it can format, as case G16 shows).
    private static func outputEncoding(_ encoding: ValueEncoding) -> ValueEncoding {
        switch encoding.kind {
        case .ascii: .ascii(min(max(encoding.width, 9), 24))
        case .time: encoding.width >= 5 ? encoding : .time(24)
        default: encoding
        }
    }

    /// A waveform yscan (renderer `waveform` through the cascade, y tags convertible to
    /// seconds) whose tags span no more than a bin becomes a single `<y>`.
    private static func shouldCollapse(_ plane: Plane, packet: Das2Properties, stream: Das2Properties, binMicroseconds: Double) -> Bool {
        guard plane.kind == .yscan, let tags = plane.yTags else { return false }
        let renderer = plane.properties["renderer"] ?? packet["renderer"] ?? stream["renderer"]
        guard renderer?.value == "waveform", let perUnit = plane.yUnits?.secondsPerUnit else { return false }
        let values = tags.values(count: plane.items)
        guard let low = values.min(), let high = values.max() else { return false }
        return (high - low) * perUnit * 1e6 <= binMicroseconds
    }

    // MARK: - Records

    /// Adds a record to its bin, first writing the pending bin when the record falls elsewhere.
    /// - Parameter start: the x of bin 0's lower edge, set from the first record when nil.
    mutating func add(
        _ record: some DecodableRecord,
        start: inout Double?,
        into writer: inout Das2StreamWriter
    ) throws(Das2StreamError) {
        if input.count < record.valueCount {
            input = [Double](repeating: 0, count: record.valueCount)
        }
        var failure: Das2StreamError?
        input.withUnsafeMutableBufferPointer { buffer in
            do throws(Das2StreamError) { try record.decode(into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        if let xProblem { throw xProblem }
        let raw = input[xValueIndex!]
        guard let bin = try place(xConversion?.us2000(from: raw) ?? raw, start: &start, into: &writer) else { return }
        accumulate(bin: bin)
    }

    /// Adds consecutive records seen in place in the reader's buffer, as
    /// ``add(_:start:into:)`` does one by one; records of binary packets go through
    /// ``BinaryRecordAccumulator``, the records of a bin in one pass.
    mutating func add(
        _ records: UnsafeDas2RecordBatch,
        start: inout Double?,
        into writer: inout Das2StreamWriter
    ) throws(Das2StreamError) {
        guard let binaryAccumulator, records.stride == 4 + binaryAccumulator.recordSize else {
            for index in 0..<records.count {
                try add(records[index], start: &start, into: &writer)
            }
            return
        }
        var next = 0
        while next < records.count {
            let first = binaryAccumulator.x(records.bytes(at: next))
            guard let bin = try place(xConversion?.us2000(from: first) ?? first, start: &start, into: &writer) else {
                next += 1
                continue
            }
            self.bin = bin
            // The records that follow in the same bin (any other, or an x that is not a
            // number, goes back through `place`).
            let origin = start!
            var end = next + 1
            while end < records.count {
                let raw = binaryAccumulator.x(records.bytes(at: end))
                let x = xConversion?.us2000(from: raw) ?? raw
                guard ((x - origin) / binWidth).rounded(.down) == bin else { break }
                end += 1
            }
            withAccumulators { statistics, deviations, scratch in
                binaryAccumulator.accumulate(records, next..<end, into: statistics, deviations: deviations, scratch: scratch)
            }
            next = end
        }
    }

    /// Runs `body` with the statistics of the pending bin (Welford moments when kept) and room
    /// for one decoded record.
    @inline(__always)
    private mutating func withAccumulators(
        _ body: (Accumulators, (means: UnsafeMutablePointer<Double>, moments: UnsafeMutablePointer<Double>)?, UnsafeMutablePointer<Double>) -> Void
    ) {
        let count = accumulatorCount
        let extremes = tracksExtremes
        let peaking = tracksPeaks
        let deviation = tracksDeviation
        input.withUnsafeMutableBufferPointer { scratch in
            statistics.withUnsafeMutableBufferPointer { buffer in
                let sums = buffer.baseAddress!
                let counts = sums + count
                let minima = counts + count
                let maxima = minima + count
                let peaks = maxima + count
                let means = peaks + count
                let moments = means + count
                body(
                    Accumulators(sums: sums, counts: counts, extremes: extremes ? (minima, maxima) : nil, peaks: peaking ? peaks : nil),
                    deviation ? (means, moments) : nil,
                    scratch.baseAddress!
                )
            }
        }
    }

    /// The bin of a record at `x`, after writing the pending bin when it is another one; nil
    /// when the record cannot be placed in any bin (its x is not a number).
    @inline(__always)
    private mutating func place(_ x: Double, start: inout Double?, into writer: inout Das2StreamWriter) throws(Das2StreamError) -> Double? {
        if start == nil { start = x }
        let origin = start!
        let bin = ((x - origin) / binWidth).rounded(.down)
        guard bin.isFinite else { return nil }
        if let current = self.bin, current != bin {
            try flush(start: origin, into: &writer)
        }
        return bin
    }

    /// Adds the decoded record to bin `bin`.
    private mutating func accumulate(bin: Double) {
        self.bin = bin
        let runs = self.runs
        withAccumulators { all, deviations, input in
            runs.withUnsafeBufferPointer { runs in
                for run in runs {
                    let values = UnsafePointer(input + run.inputOffset)
                    let base = run.accumulatorOffset
                    let step = run.collapsed ? 0 : 1
                    if let (means, moments) = deviations {
                        Self.addDeviations(values, count: run.count, fill: run.fill, means: means + base, moments: moments + base, counts: all.counts + base, step: step)
                    }
                    if !run.collapsed {
                        run.fill.accumulate(values, count: run.count, into: all.advanced(by: base))
                        continue
                    }
                    // A collapsed waveform: every item of the record feeds the single item.
                    let one = all.advanced(by: base)
                    for item in 0..<run.count {
                        run.fill.accumulate(values + item, count: 1, into: one)
                    }
                }
            }
        }
    }

    /// Welford's update of the means and second moments (tools.md §10 row 6), run before the
    /// counts are increased: `counts` still holds the number of values before each one.
    static func addDeviations(
        _ values: UnsafePointer<Double>,
        count: Int,
        fill: FillTest,
        means: UnsafeMutablePointer<Double>,
        moments: UnsafeMutablePointer<Double>,
        counts: UnsafePointer<Double>,
        step: Int
    ) {
        var added = 0.0
        for item in 0..<count {
            let value = values[item]
            if fill.isFill(value) { continue }
            let slot = item * step
            // For a collapsed run the slot's count grows within the record.
            BinaryRecordAccumulator.addDeviation(
                value, count: counts[slot] + (step == 0 ? added : 0), mean: means + slot, moment: moments + slot
            )
            added += 1
        }
    }

    /// Writes the pending bin, if any, and resets the accumulators.
    mutating func flush(start: Double, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        guard let bin else { return }
        let centre = binWidth * (bin + 0.5) + start
        for index in outputXIndices { outputValues[index] = centre }
        let count = accumulatorCount
        statistics.withUnsafeMutableBufferPointer { buffer in
            let sums = buffer.baseAddress!
            let counts = sums + count
            let minima = counts + count
            let maxima = minima + count
            let peaks = maxima + count
            let moments = peaks + 2 * count
            for group in groups {
                for item in 0..<group.outputItems {
                    let slot = group.accumulatorOffset + item
                    let n = counts[slot]
                    let empty = n == 0
                    let fill = group.outputFill
                    outputValues[group.averageIndex + item] = empty ? fill : sums[slot] / n
                    if let index = group.minimumIndex { outputValues[index + item] = empty ? fill : minima[slot] }
                    if let index = group.maximumIndex { outputValues[index + item] = empty ? fill : maxima[slot] }
                    if let index = group.peakIndex { outputValues[index + item] = empty ? fill : peaks[slot] }
                    if let index = group.deviationIndex {
                        let deviation: Double
                        if empty {
                            deviation = fill
                        } else if n < 2 {
                            deviation = 0
                        } else {
                            deviation = (moments[slot] / (n - 1)).squareRoot()
                        }
                        outputValues[index + item] = deviation
                    }
                }
            }
            buffer.update(repeating: 0)
        }
        try writer.writeRecord(id: output.id, values: outputValues)
        self.bin = nil
    }
}
