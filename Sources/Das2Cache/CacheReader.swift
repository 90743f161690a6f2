#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Das2Core
import Das2Stream

/// The cache reader of cache-and-queue.md §4.2 as a library: one das2 stream made of the block
/// files of one cache level, produced in chunks.
///
/// Creating a reader checks the request (the errors of §4.2 step 1) and chooses the level;
/// ``next()`` then reads the covering block files one at a time, in time order, and returns the
/// output in chunks of about ``chunkSize`` bytes, so memory stays bounded whatever the range.
/// Missing and empty block files are skipped. The output is:
/// * the stream header of the first block file read, with `xCacheRange` (`BEGIN to END UTC`,
///   the request's strings) and, for a binned level, `xCacheResolution` (`1.000000 s`) put
///   first (tools.md §6.5, §10 row 14);
/// * each packet header when its id is new or its definition differs from the last one sent;
/// * the data records whose x value lies in `[BEGIN − PAD, END + PAD)`, copied byte for byte;
/// * nothing of the comments and exceptions inside the block files;
/// * when no record was written, the header followed by a `NoDataInInterval` exception
///   `No data in the interval <begin> to <end> at <N units | native> resolution`.
///
/// ```swift
/// let reader = try CacheReader(CacheReadRequest(arguments: Array(CommandLine.arguments.dropFirst())))
/// while let chunk = try reader.next() { write(chunk) }
/// ```
public final class CacheReader {
    /// The output size ``next()`` aims at; a chunk is larger by at most one input read.
    public static let chunkSize = 64 * 1024

    /// The level being read.
    public let level: CacheLevel
    /// The first instant of the padded range, in us2000.
    let rangeBegin: Double
    /// The instant after the padded range, in us2000.
    let rangeEnd: Double

    private let request: CacheReadRequest
    private let levelDirectory: String
    private var blocks: CoverageBlocks.Iterator
    private var file: Int32 = -1
    private var filePath = ""
    private var reader = Das2StreamReader()
    private var writer = Das2StreamWriter(programName: "das2_cache_rdr", tagStyle: .das2C)
    private var input = [UInt8](repeating: 0, count: CacheReader.chunkSize)
    private var output: [UInt8] = []
    private var headerSent = false
    private var sentHeaders = [PacketHeader?](repeating: nil, count: 100)
    private var xFields = [XField?](repeating: nil, count: 100)
    private var recordsSent = 0
    private var finished = false
    private var failure: CacheReaderError?
    private var diagnostics: [String] = []

    /// Where and how the x value of one packet id is stored.
    private struct XField {
        var offset: Int
        var encoding: ValueEncoding
        var scale: TimeScale
    }

    /// Checks a request and chooses its level (cache-and-queue.md §4.2 steps 1–2).
    ///
    /// The DSDF is read with the server's parser and parameter normalization (dsdf.md §2, §7),
    /// so the reader finds every directory the cache builder makes. `NORM_PARAMS` matches a
    /// level's normalized parameters, or their directory form (`/` as `_`, DD-15); the level
    /// with the largest resolution not above RES is chosen, the higher level number on a tie.
    /// QStream sources are refused: their blocks are `.qds` files, which need a QStream cache
    /// reader (`QDS_CACHE_RDR`, §4.2).
    /// - Parameter request: The request.
    /// - Throws: ``CacheReaderError``, checked in this order: `Missing Data Source Description
    ///   File (DSDF): X`, `Cache directory X doesn't exist`, the DSDF parser's message (status
    ///   23), the QStream refusal, `Syntax error in DSDF, keyword K` (a `cacheLevel` with fewer
    ///   than two items), another `cacheLevel` error, `No cache trees were defined in X`,
    ///   `Couldn't convert begin time X to a date-time` (or end), `Begin point X is <= to the
    ///   ending point Y`, `Can't convert resolution X to a double value`, `Resolution value X is
    ///   <= 0`, `Can't find a cache tree in X with a resolution lower than R`; all but the
    ///   parser's with status 92.
    public init(_ request: CacheReadRequest) throws(CacheReaderError) {
        guard FileSystem.isRegularFile(request.dsdfPath) else {
            throw .cache("Missing Data Source Description File (DSDF): \(request.dsdfPath)")
        }
        guard FileSystem.isDirectory(request.cacheDirectory) else {
            throw .cache("Cache directory \(request.cacheDirectory) doesn't exist")
        }
        let parameterDirectory = CacheLayout.parameterDirectory(request.normalizedParameters)
        let dsdf = try Self.source(at: request.dsdfPath)
        if CacheStreamFormat(dsdf: dsdf) == .qstream {
            throw .cache(
                "The cache blocks of QStream source \(request.dsdfPath) are QStreams (.qds), which this cache "
                    + "reader does not read; set QDS_CACHE_RDR to a QStream cache reader")
        }
        let levels = try Self.levels(of: dsdf).filter {
            $0.normalizedParameters == request.normalizedParameters
                || CacheLayout.parameterDirectory($0.normalizedParameters) == parameterDirectory
        }
        guard !levels.isEmpty else {
            throw .cache("No cache trees were defined in \(request.dsdfPath)")
        }

        guard let begin = try? DasTime(parsing: request.begin) else {
            throw .cache("Couldn't convert begin time \(request.begin) to a date-time")
        }
        guard let end = try? DasTime(parsing: request.end) else {
            throw .cache("Couldn't convert end time \(request.end) to a date-time")
        }
        rangeBegin = TimeScale.us2000.value(from: begin) - request.pad * 1e6
        rangeEnd = TimeScale.us2000.value(from: end) + request.pad * 1e6
        guard rangeEnd > rangeBegin else {
            throw .cache("Begin point \(request.begin) is <= to the ending point \(request.end)")
        }

        let resolution: Double
        if request.resolution.lowercased() == "intrinsic" {
            resolution = 0
        } else if let value = CNumberParser.parseDouble(request.resolution)?.value, !value.isNaN {
            resolution = value
        } else {
            throw .cache("Can't convert resolution \(request.resolution) to a double value")
        }
        guard resolution >= 0 else {
            throw .cache("Resolution value \(request.resolution) is <= 0")
        }
        let matching = levels.map { level in
            var level = level
            level.normalizedParameters = request.normalizedParameters
            return level
        }
        guard let level = matching.level(forResolution: resolution, normalizedParameters: request.normalizedParameters)
        else {
            throw .cache(
                "Can't find a cache tree in \(request.cacheDirectory) with a resolution lower than "
                    + FloatFormat(.fixed).string(resolution))
        }

        self.request = request
        self.level = levels.first { $0.number == level.number } ?? level
        levelDirectory = request.cacheDirectory + "/" + parameterDirectory + "/" + level.resolutionDirectory
        blocks = CoverageBlock.blocks(
            from: TimeScale.us2000.time(from: rangeBegin), to: TimeScale.us2000.time(from: rangeEnd),
            scheme: level.block
        ).makeIterator()
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// Produces the next chunk of output.
    ///
    /// - Returns: The next bytes, never empty, or nil when the stream is complete.
    /// - Throws: ``CacheReaderError`` when a block file is not a valid das2 stream (the stream
    ///   error's message, prefixed with the file path, and exit status), once the output made
    ///   before the error has been returned; every later call throws the same error.
    public func next() throws(CacheReaderError) -> [UInt8]? {
        if let failure { throw failure }
        do {
            while output.count < Self.chunkSize && !finished {
                try step()
            }
        } catch {
            failure = error
            closeFile()
            // The output made before the failure goes out first, as a filter's would.
            if output.isEmpty { throw error }
        }
        guard !output.isEmpty else { return nil }
        defer { output = [] }
        return output
    }

    /// Returns and forgets the lines for standard error or a log: `Reading: <path>` for each
    /// block file, and warnings about tolerated oddities of the files.
    public func takeDiagnostics() -> [String] {
        defer { diagnostics = [] }
        return diagnostics
    }

    // MARK: - Reading

    /// Reads one chunk of the current block file, or moves to the next block, or ends.
    private func step() throws(CacheReaderError) {
        if file < 0 {
            guard openNextBlock() else {
                try finish()
                return
            }
        }
        let count = FileSystem.readSome(file, into: &input)
        if count < 0 {
            throw CacheReaderError("Cannot read \(filePath): \(FileSystem.lastError())", exitStatus: 92)
        }
        if count == 0 {
            reader.finish()
            try drain()
            closeFile()
            return
        }
        input.withUnsafeBytes { reader.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        try drain()
    }

    /// Opens the next existing, non-empty block file; false when there is none left.
    private func openNextBlock() -> Bool {
        while let block = blocks.next() {
            let path = levelDirectory + "/"
                + block.relativePath(resolutionDirectory: level.resolutionDirectory, fileExtension: "d2s")
            guard let status = FileSystem.status(path), status.isRegularFile, status.size > 0 else { continue }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                diagnostics.append("Cannot open \(path): \(FileSystem.lastError())")
                continue
            }
            diagnostics.append("Reading: \(path)")
            file = descriptor
            filePath = path
            reader = Das2StreamReader()
            xFields = [XField?](repeating: nil, count: 100)
            return true
        }
        return false
    }

    private func closeFile() {
        guard file >= 0 else { return }
        close(file)
        file = -1
    }

    /// Ends the output: the no-data exception when no record was written.
    private func finish() throws(CacheReaderError) {
        finished = true
        guard recordsSent == 0 else { return }
        do {
            try sendStreamHeader(fileProperties: nil)
        } catch {
            throw CacheReaderError(error.description, exitStatus: error.exitStatus)
        }
        let begin = TimeScale.us2000.time(from: rangeBegin).isoC(fractionDigits: 6)
        let end = TimeScale.us2000.time(from: rangeEnd).isoC(fractionDigits: 6)
        writer.writeException(Das2Exception(
            type: Das2Exception.noDataInInterval,
            message: "No data in the interval \(begin) to \(end) at \(level.resolutionPhrase)"
        ))
        output += writer.takeOutput()
    }

    /// Handles everything the current file's reader holds.
    private func drain() throws(CacheReaderError) {
        defer { diagnostics += reader.takeWarnings() }
        do throws(Das2StreamError) {
            while true {
                try reader.nextRecords { record throws(Das2StreamError) in
                    try self.filter(id: record.packetID, bytes: record.bytes, offset: record.streamOffset)
                }
                guard let event = try reader.next() else { return }
                switch event {
                case .streamHeader(let header):
                    try sendStreamHeader(fileProperties: header.properties)
                case .packetHeader(let header):
                    try packetHeader(header)
                case .record(let record):
                    var failure: Das2StreamError?
                    record.withUnsafeBytes { bytes in
                        do throws(Das2StreamError) {
                            try filter(id: record.packetID, bytes: bytes, offset: record.streamOffset)
                        } catch {
                            failure = error
                        }
                    }
                    if let failure { throw failure }
                case .comment, .exception:
                    break
                }
            }
        } catch {
            throw CacheReaderError("\(filePath): \(error.description)", exitStatus: error.exitStatus)
        }
    }

    /// Writes the output stream header: the cache properties first, then those of the first
    /// block file (tools.md §6.5). Later files' stream headers are ignored.
    private func sendStreamHeader(fileProperties: Das2Properties?) throws(Das2StreamError) {
        guard !headerSent else { return }
        headerSent = true
        var properties = Das2Properties()
        properties.set(Das2Property(
            name: "xCacheRange", kind: .time, multiplicity: .range, value: "\(request.begin) to \(request.end)",
            units: .utc))
        if let size = level.binSize {
            properties.set(.datum("xCacheResolution", Double(size.count), units: size.units))
        }
        for property in fileProperties ?? Das2Properties() where properties[property.name] == nil {
            properties.set(property)
        }
        try writer.writeStreamHeader(StreamHeader(properties: properties))
        output += writer.takeOutput()
    }

    /// Re-emits a packet header unless the same definition was the last one sent for its id.
    private func packetHeader(_ header: PacketHeader) throws(Das2StreamError) {
        let tag = header.id < 10 ? "0\(header.id)" : "\(header.id)"
        guard let index = header.xPlaneIndex else {
            throw Das2StreamError(
                .invalidPacketHeader, "Packet type \(tag) has no <x> plane, so its records cannot be placed in time",
                exitStatus: 92)
        }
        let plane = header.planes[index]
        guard let scale = plane.timeScale else {
            throw Das2StreamError(
                .invalidPacketHeader,
                "The <x> values of packet type \(tag) are not times (units '\(plane.units.symbol)')",
                exitStatus: 92)
        }
        let offset = header.planes[..<index].reduce(0) { $0 + $1.byteCount }
        xFields[header.id] = XField(offset: offset, encoding: plane.encoding, scale: scale)
        guard sentHeaders[header.id] != header else { return }
        try writer.writePacketHeader(header)
        sentHeaders[header.id] = header
        output += writer.takeOutput()
    }

    /// Copies a record when its x value lies in the padded range.
    private func filter(id: Int, bytes: UnsafeRawBufferPointer, offset: Int) throws(Das2StreamError) {
        guard let field = xFields[id] else { return }
        let x = try Self.us2000(of: field, in: bytes, offset: offset)
        guard x >= rangeBegin && x < rangeEnd else { return }
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: "0") + UInt8(id / 10))
        output.append(UInt8(ascii: "0") + UInt8(id % 10))
        output.append(UInt8(ascii: ":"))
        output.append(contentsOf: bytes)
        recordsSent += 1
    }

    /// The x value of a record in us2000.
    private static func us2000(
        of field: XField, in record: UnsafeRawBufferPointer, offset: Int
    ) throws(Das2StreamError) -> Double {
        let base = record.baseAddress! + field.offset
        let value: Double
        switch field.encoding.kind {
        case .real8LittleEndian:
            value = Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)))
        case .real8BigEndian:
            value = Double(bitPattern: UInt64(bigEndian: base.loadUnaligned(as: UInt64.self)))
        case .real4LittleEndian:
            value = Double(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(as: UInt32.self))))
        case .real4BigEndian:
            value = Double(Float(bitPattern: UInt32(bigEndian: base.loadUnaligned(as: UInt32.self))))
        case .ascii:
            let text = UnsafeRawBufferPointer(start: base, count: field.encoding.width)
            value = CNumberParser.parseDouble(text)?.value ?? .nan
        case .time:
            let text = UnsafeRawBufferPointer(start: base, count: field.encoding.width)
            guard let time = DasTime.parse(text, defaultYear: DasTime.currentYear) else {
                throw Das2StreamError(
                    .invalidValue,
                    "Error in parsetime for ASCII time type: '\(String(decoding: text, as: UTF8.self))' is not a time",
                    offset: offset)
            }
            return TimeScale.us2000.value(from: time)
        }
        return field.scale == .us2000 ? value : field.scale.us2000(from: value)
    }

    /// A DSDF read with the server's parser.
    private static func source(at path: String) throws(CacheReaderError) -> DSDF {
        guard let bytes = FileSystem.readFile(path, limit: 16 << 20) else {
            throw .cache("Couldn't read the Data Source Description File (DSDF): \(path)")
        }
        do {
            return try DSDF(parsing: bytes, name: path)
        } catch {
            throw CacheReaderError(error.message, exitStatus: 23)
        }
    }

    /// The cache levels of a DSDF; a `cacheLevel` with fewer than two items is the reference's
    /// syntax error.
    private static func levels(of dsdf: DSDF) throws(CacheReaderError) -> [CacheLevel] {
        for entry in dsdf.entries
        where entry.key.split(separator: "_", omittingEmptySubsequences: false).first == "cacheLevel"
            && PipeList.split(entry.value, escapes: false).count < 2
        {
            throw .cache("Syntax error in DSDF, keyword \(entry.key)")
        }
        do {
            return try dsdf.cacheLevels().levels
        } catch {
            throw .cache(error.message)
        }
    }
}
