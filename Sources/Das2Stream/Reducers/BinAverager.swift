import Das2Core

/// Averages the records of a das2.2 stream into bins along x: the reducer behind
/// `das2_bin_avgsec`, `das2_bin_peakavgsec` and `das2_bin_avg` (tools.md §3-§5 with the
/// decisions of §10).
///
/// Each packet id is binned independently with constant memory: one pending bin per id,
/// holding per-item sums and counts (plus minima, maxima, peaks or Welford moments when
/// asked for). A bin is written when a record of its id falls into another bin, when the id
/// is redefined, and at the end of the input (ids in order 1...99). Bin numbers are
/// `floor((x - start) / width)` and bins are labelled by their centres.
///
/// ```swift
/// var reducer = try BinAverager.timeAverage(binSeconds: 60)
/// try reducer.process(event, into: &writer)   // for every event
/// try reducer.finish(into: &writer)
/// ```
public struct BinAverager: Das2Filter, Sendable {
    /// What a reducer computes and how it treats the stream around the data.
    public struct Configuration: Hashable, Sendable {
        /// How x values are grouped.
        public enum Binning: Hashable, Sendable {
            /// x is a time; bins are this many seconds wide, starting at `begin` (us2000) or
            /// at the first record of the stream.
            case seconds(Double, begin: Double?)
            /// Bins of this width in the x plane's own units, starting at the first record.
            case xUnits(Double)
        }

        /// What happens to `taskProgress` / `taskSize` comments.
        public enum Progress: Hashable, Sendable {
            /// Forwarded unchanged.
            case forward
            /// Dropped.
            case drop
            /// The 1st, 2nd and every 50th `taskProgress` comment re-emitted with the reducer
            /// as source; the others dropped (das2_bin_peakavgsec).
            case decimate
        }

        /// The grouping of x values.
        public var binning: Binning
        /// Add `.min` and `.max` planes (`-r`).
        public var minMax = false
        /// Add `.stddev` planes (`-s`).
        public var standardDeviation = false
        /// Add `.max` peak planes (das2_bin_peakavgsec).
        public var peaks = false
        /// Progress comment handling.
        public var progress = Progress.forward
        /// Drop every comment (das2_bin_avg); exceptions are always forwarded.
        public var dropsComments = false
        /// Collapse waveform yscans spanning no more than a bin into a `<y>` plane.
        public var collapsesWaveforms = false
        /// Update `xTagWidth` and add `xCacheResolution` / `xCacheResInfo` to the stream header.
        public var annotatesStream = false
        /// Name used in messages and as the source of re-emitted progress comments.
        public var programName: String

        /// Creates a configuration.
        public init(binning: Binning, programName: String) {
            self.binning = binning
            self.programName = programName
        }
    }

    /// The configuration in use.
    public let configuration: Configuration
    /// Per packet id; inactive placeholders keep the active states mutable in place.
    private var packets = Array(repeating: PacketBins.inactive, count: 100)
    /// Which ids have a header, kept apart so the record path need not read the large states.
    private var active = Array(repeating: false, count: 100)
    private var start: Double?
    private var streamProperties = Das2Properties()
    private var progressCount = 0

    /// Creates a reducer.
    /// - Throws: ``Das2StreamError`` (`reduction`) when the bin width is not a positive finite number.
    public init(_ configuration: Configuration) throws(Das2StreamError) {
        switch configuration.binning {
        case .seconds(let width, let begin):
            guard width.isFinite, width > 0 else {
                throw Das2StreamError(.reduction, "Output bin size must be bigger than 0 seconds!")
            }
            start = begin.map { $0 }
        case .xUnits(let width):
            guard width.isFinite, width > 0 else {
                throw Das2StreamError(.reduction, "Bin width must be a positive number")
            }
        }
        self.configuration = configuration
    }

    /// `das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS`: time averages.
    /// - Parameter begin: start of bin 0 in us2000; nil starts at the first record.
    public static func timeAverage(
        binSeconds: Double,
        begin: Double? = nil,
        minMax: Bool = false,
        standardDeviation: Bool = false,
        dropsProgress: Bool = false
    ) throws(Das2StreamError) -> BinAverager {
        var configuration = Configuration(binning: .seconds(binSeconds, begin: begin), programName: "das2_bin_avgsec")
        configuration.minMax = minMax
        configuration.standardDeviation = standardDeviation
        configuration.progress = dropsProgress ? .drop : .forward
        configuration.collapsesWaveforms = true
        configuration.annotatesStream = true
        return try BinAverager(configuration)
    }

    /// `das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS`: time averages plus peaks.
    public static func peakAverage(binSeconds: Double, begin: Double? = nil) throws(Das2StreamError) -> BinAverager {
        var configuration = Configuration(binning: .seconds(binSeconds, begin: begin), programName: "das2_bin_peakavgsec")
        configuration.peaks = true
        configuration.progress = .decimate
        configuration.annotatesStream = true
        return try BinAverager(configuration)
    }

    /// `das2_bin_avg BIN_WIDTH`: averages in the x plane's own units.
    public static func xAverage(width: Double) throws(Das2StreamError) -> BinAverager {
        var configuration = Configuration(binning: .xUnits(width), programName: "das2_bin_avg")
        configuration.dropsComments = true
        return try BinAverager(configuration)
    }

    // MARK: - Events

    public mutating func process(_ event: Das2Event, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        switch event {
        case .streamHeader(let header):
            try writeStreamHeader(header, into: &writer)
        case .packetHeader(let header):
            try define(header, into: &writer)
        case .record(let record):
            try add(record, into: &writer)
        case .comment(let comment):
            forward(comment, into: &writer)
        case .exception(let exception):
            writer.writeException(exception)
        }
    }

    public mutating func finish(into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        for id in 1...99 where active[id] {
            try packets[id].flush(start: start ?? 0, into: &writer)
        }
    }

    private mutating func forward(_ comment: Das2Comment, into writer: inout Das2StreamWriter) {
        if configuration.dropsComments { return }
        guard comment.isProgress else {
            writer.writeComment(comment)
            return
        }
        switch configuration.progress {
        case .forward:
            writer.writeComment(comment)
        case .drop:
            break
        case .decimate:
            guard comment.type.lowercased() == "taskprogress" else {
                writer.writeComment(comment)
                return
            }
            progressCount += 1
            if progressCount <= 2 || progressCount % 50 == 0 {
                let value = CNumberParser.parseInt(comment.value)?.value ?? 0
                writer.writeComment(Das2Comment(type: "taskProgress", value: String(value), source: configuration.programName))
            }
        }
    }

    // MARK: - Stream header

    private mutating func writeStreamHeader(_ header: StreamHeader, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        var output = header
        output.compression = .none
        if configuration.annotatesStream, case .seconds(let binSeconds, _) = configuration.binning {
            try StreamAnnotation.apply(binSeconds: binSeconds, to: &output.properties)
        }
        streamProperties = output.properties
        try writer.writeStreamHeader(output)
    }

    // MARK: - Packet headers

    private mutating func define(_ header: PacketHeader, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        if active[header.id] {
            try packets[header.id].flush(start: start ?? 0, into: &writer)
            packets[header.id] = .inactive
            active[header.id] = false
        }
        let limit: Int
        if configuration.peaks {
            limit = 48
        } else {
            switch (configuration.minMax, configuration.standardDeviation) {
            case (true, true): limit = 24
            case (true, false): limit = 33
            case (false, true): limit = 49
            case (false, false): limit = 99
            }
        }
        if header.planes.count >= limit {
            let message = "Only 99 output planes supported. Due to requested extra planes (if any) only \(limit) input planes are supported."
            writer.writeException(Das2Exception(type: Das2Exception.serverError, message: message))
            throw Das2StreamError(.reduction, message)
        }
        let bins = try PacketBins(input: header, configuration: configuration, streamProperties: streamProperties)
        try writer.writePacketHeader(bins.output)
        packets[header.id] = bins
        active[header.id] = true
    }

    // MARK: - Records

    public mutating func process(_ record: UnsafeDas2Record, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        try add(record, into: &writer)
    }

    public mutating func process(_ records: UnsafeDas2RecordBatch, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        let id = records.packetID
        guard active[id] else { return }
        try packets[id].add(records, start: &start, into: &writer)
    }

    private mutating func add(_ record: some DecodableRecord, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        let id = record.packetID
        guard active[id] else { return }
        try packets[id].add(record, start: &start, into: &writer)
    }
}
