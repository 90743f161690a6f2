import Das2Core
import Das2Stream

/// Turns the events of a reader's das2 stream into HAPI records (hapi.md §7.5.4): records of
/// the dataset's packet type whose definition matches are converted, trimmed to
/// `[start, stop)` and encoded; other packet types are skipped; records of the packet type with
/// another definition are skipped and counted.
struct HAPIRecordSink: Sendable {
    /// How a record's values are found.
    enum Source: Sendable {
        /// The dataset's packet type, with the definition records must have.
        case packet(id: Int, layout: HAPIPlanes.Layout)
        /// Declared items (§7.4.6): any packet type with a `<y>` plane for every item.
        case declared(items: [String])
    }

    /// How the stream ended, once it has.
    enum Ending: Sendable, Equatable {
        /// A `NoDataInInterval` exception: the normal end of the data.
        case noData
        /// Another exception or malformed input (the detail goes to the log only).
        case failure(String)
    }

    private let source: Source
    private(set) var encoder: HAPIRecordEncoder
    /// Record times must be at least this (microseconds since 2000) …
    private let lower: Int64
    /// … and less than this.
    private let upper: Int64
    /// Records skipped because their definition did not match.
    private(set) var dropped = 0
    private(set) var ending: Ending?

    /// Per packet id: how its current definition maps onto the selected parameters, nil when its
    /// records are not used.
    private var mappings = [Mapping?](repeating: nil, count: 100)
    /// Per packet id whose records are dropped and counted: where the time of its current
    /// definition sits (nil when it has none: then every record counts).
    private var drops = [DropRule?](repeating: nil, count: 100)
    private var values: [Double] = []
    private var mapped: [Double] = []

    private struct DropRule: Sendable {
        var time: (offset: Int, units: Units)?
    }

    private struct Mapping: Sendable {
        var timeOffset: Int
        var timeUnits: Units
        /// For declared datasets: where each selected parameter's value sits in the record.
        var declaredOffsets: [Int]?
    }

    init(source: Source, encoder: HAPIRecordEncoder, start: HAPITime, stop: HAPITime) {
        self.source = source
        self.encoder = encoder
        self.lower = start.microsecondsRoundedUp
        self.upper = stop.microsecondsRoundedUp
    }

    /// Converts everything the reader has ready.
    mutating func drain(_ reader: inout Das2StreamReader, into output: inout [UInt8]) {
        guard ending == nil else { return }
        do {
            while ending == nil {
                try reader.nextRecords { record in
                    handle(record, into: &output)
                }
                guard let event = try reader.next() else { return }
                handle(event, into: &output)
            }
        } catch {
            ending = .failure("malformed stream: \(error.description)")
        }
    }

    /// Ends the input: a truncated packet is a failure.
    mutating func finish(_ reader: inout Das2StreamReader, into output: inout [UInt8]) {
        reader.finish()
        drain(&reader, into: &output)
    }

    private mutating func handle(_ event: Das2Event, into output: inout [UInt8]) {
        switch event {
        case .streamHeader, .comment:
            break
        case .packetHeader(let header):
            define(header)
        case .record(let record):
            handle(record, into: &output)
        case .exception(let exception):
            ending = exception.type == Das2Exception.noDataInInterval
                ? .noData : .failure("reader exception \(exception.type): \(exception.message)")
        }
    }

    private mutating func handle(_ record: some DecodableRecord, into output: inout [UInt8]) {
        let id = record.packetID
        guard mappings[id] != nil || drops[id] != nil else { return }
        if values.count < record.valueCount { values = [Double](repeating: 0, count: record.valueCount) }
        let decoded: Bool = values.withUnsafeMutableBufferPointer { buffer in
            (try? record.decode(into: buffer)) != nil
        }
        if let mapping = mappings[id] {
            if decoded { emit(mapping, into: &output) }
        } else if let rule = drops[id] {
            countDrop(rule, decoded: decoded)
        }
    }

    /// Counts a skipped record when its time lies in the request (or cannot be read).
    private mutating func countDrop(_ rule: DropRule, decoded: Bool) {
        if decoded, let time = rule.time,
            let microseconds = HAPIPlanes.microseconds(values[time.offset], units: time.units),
            microseconds < lower || microseconds >= upper
        {
            return
        }
        dropped += 1
    }

    /// Trims and encodes the record now in `values`.
    private mutating func emit(_ mapping: Mapping, into output: inout [UInt8]) {
        guard let time = HAPIPlanes.microseconds(values[mapping.timeOffset], units: mapping.timeUnits),
            time >= lower, time < upper
        else { return }
        if let offsets = mapping.declaredOffsets {
            if mapped.count < offsets.count { mapped = [Double](repeating: 0, count: offsets.count) }
            for (index, offset) in offsets.enumerated() { mapped[index] = values[offset] }
            mapped.withUnsafeBufferPointer { encoder.write(time: time, values: $0, into: &output) }
        } else {
            values.withUnsafeBufferPointer { encoder.write(time: time, values: $0, into: &output) }
        }
    }

    /// Decides how records of a new definition are used.
    private mutating func define(_ header: PacketHeader) {
        let id = header.id
        mappings[id] = nil
        drops[id] = nil
        let timePlane = HAPIPlanes.timePlaneIndex(header)
        let dropRule = DropRule(
            time: timePlane.map { (offset(of: $0, in: header), header.planes[$0].units) }
        )
        switch source {
        case .packet(let wanted, let layout):
            guard id == wanted else { return }
            drops[id] = dropRule
            guard HAPIPlanes.Layout(header) == layout, let timePlane else { return }
            drops[id] = nil
            mappings[id] = Mapping(
                timeOffset: offset(of: timePlane, in: header), timeUnits: header.planes[timePlane].units,
                declaredOffsets: nil
            )
        case .declared(let items):
            drops[id] = dropRule
            guard let timePlane else { return }
            var offsets: [Int] = []
            // Parameters 1… of the encoder read mapped[0…]: one value per selected item.
            for parameter in encoder.parameters.dropFirst() {
                guard items.contains(parameter.planeName),
                    let plane = header.planes.firstIndex(where: { $0.kind == .y && $0.name == parameter.planeName })
                else { return }
                offsets.append(offset(of: plane, in: header))
            }
            for item in items where !header.planes.contains(where: { $0.kind == .y && $0.name == item }) { return }
            drops[id] = nil
            mappings[id] = Mapping(
                timeOffset: offset(of: timePlane, in: header), timeUnits: header.planes[timePlane].units,
                declaredOffsets: offsets
            )
        }
    }

    private func offset(of plane: Int, in header: PacketHeader) -> Int {
        header.planes[..<plane].reduce(0) { $0 + $1.items }
    }
}
