import Das2Core

/// The resolved byte layout of one packet id's records, shared by every record of that id.
///
/// Built once per packet header; immutable, so records can carry it for the cost of one
/// reference.
final class RecordLayout: Sendable {
    struct Slot: Sendable {
        let offset: Int
        let encoding: ValueEncoding
        let items: Int
        let firstValue: Int
        let timeScale: TimeScale?
        let fill: Double
    }

    /// Consecutive planes of one encoding, decoded by a single loop.
    struct Run: Sendable {
        let byteOffset: Int
        let count: Int
        let firstValue: Int
        let encoding: ValueEncoding
        let timeScale: TimeScale?
    }

    let header: PacketHeader
    let slots: [Slot]
    let runs: [Run]
    let recordSize: Int
    let valueCount: Int

    init(header: PacketHeader, streamProperties: Das2Properties) {
        self.header = header
        var slots: [Slot] = []
        var offset = 0
        var value = 0
        for plane in header.planes {
            slots.append(
                Slot(
                    offset: offset,
                    encoding: plane.encoding,
                    items: plane.items,
                    firstValue: value,
                    timeScale: plane.timeScale,
                    fill: plane.fill(packet: header.properties, stream: streamProperties)
                )
            )
            offset += plane.byteCount
            value += plane.items
        }
        self.slots = slots
        self.recordSize = offset
        self.valueCount = value
        var runs: [Run] = []
        for slot in slots {
            if let last = runs.last, last.encoding == slot.encoding, last.timeScale == slot.timeScale,
                last.byteOffset + last.count * last.encoding.width == slot.offset
            {
                runs[runs.count - 1] = Run(
                    byteOffset: last.byteOffset, count: last.count + slot.items, firstValue: last.firstValue,
                    encoding: last.encoding, timeScale: last.timeScale
                )
            } else {
                runs.append(
                    Run(byteOffset: slot.offset, count: slot.items, firstValue: slot.firstValue, encoding: slot.encoding, timeScale: slot.timeScale)
                )
            }
        }
        self.runs = runs
    }

    /// Decodes every value of a record at `base` into `values` (valueCount entries).
    func decode(
        _ base: UnsafeRawPointer,
        into values: UnsafeMutablePointer<Double>,
        offset streamOffset: Int
    ) throws(Das2StreamError) {
        for run in runs {
            try Self.decode(
                base + run.byteOffset, count: run.count, encoding: run.encoding, timeScale: run.timeScale,
                into: values + run.firstValue, offset: streamOffset
            )
        }
    }
}

extension RecordLayout.Slot {
    func decode(_ base: UnsafeRawPointer, into out: UnsafeMutablePointer<Double>, offset streamOffset: Int) throws(Das2StreamError) {
        try RecordLayout.decode(base, count: items, encoding: encoding, timeScale: timeScale, into: out, offset: streamOffset)
    }
}

extension RecordLayout {
    /// Decodes `items` values of one encoding.
    static func decode(
        _ base: UnsafeRawPointer,
        count items: Int,
        encoding: ValueEncoding,
        timeScale: TimeScale?,
        into out: UnsafeMutablePointer<Double>,
        offset streamOffset: Int
    ) throws(Das2StreamError) {
        switch encoding.kind {
        case .real8LittleEndian:
            for i in 0..<items {
                out[i] = Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)))
            }
        case .real8BigEndian:
            for i in 0..<items {
                out[i] = Double(bitPattern: UInt64(bigEndian: base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)))
            }
        case .real4LittleEndian:
            for i in 0..<items {
                out[i] = Double(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))))
            }
        case .real4BigEndian:
            for i in 0..<items {
                out[i] = Double(Float(bitPattern: UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))))
            }
        case .ascii:
            let width = encoding.width
            for i in 0..<items {
                let field = UnsafeRawBufferPointer(start: base + i &* width, count: width)
                out[i] = CNumberParser.parseDouble(field)?.value ?? Plane.defaultFill
            }
        case .time:
            let width = encoding.width
            let scale = timeScale ?? .us2000
            for i in 0..<items {
                let field = UnsafeRawBufferPointer(start: base + i &* width, count: width)
                guard let time = DasTime.parse(field, defaultYear: DasTime.currentYear) else {
                    let text = String(decoding: field, as: UTF8.self)
                    throw Das2StreamError(
                        .invalidValue,
                        "Error in parsetime for ASCII time type: '\(text)' is not a time",
                        offset: streamOffset
                    )
                }
                out[i] = scale.value(from: time)
            }
        }
    }
}
