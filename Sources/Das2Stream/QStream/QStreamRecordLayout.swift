import Das2Core

/// The resolved byte layout of one packet id's records, shared by every record of that id.
///
/// Built once per packet descriptor; immutable, so records carry it for the cost of one
/// reference.
final class QStreamRecordLayout: Sendable {
    /// Where one streamed dataset's values sit in a record.
    struct Slot: Sendable {
        let offset: Int
        let encoding: QStreamEncoding
        let count: Int
        /// The scale `timeN` values are read in; `nil` when the UNITS are not a known epoch.
        let timeScale: TimeScale?
    }

    let descriptor: QStreamPacketDescriptor
    let bigEndian: Bool
    /// One entry per dataset of the descriptor; `nil` for datasets that are not streamed.
    let slots: [Slot?]
    let recordSize: Int
    /// Whether any dataset is streamed; a descriptor of only inline values, joins and bundles
    /// must not be followed by data packets.
    let hasStreamedValues: Bool

    init(descriptor: QStreamPacketDescriptor, byteOrder: QStreamDescriptor.ByteOrder) {
        self.descriptor = descriptor
        self.bigEndian = byteOrder == .bigEndian
        var slots: [Slot?] = []
        var offset = 0
        for dataset in descriptor.datasets {
            guard let encoding = dataset.encoding else {
                slots.append(nil)
                continue
            }
            let count = dataset.valuesPerRecord
            let scale = encoding.kind == .time ? dataset.units.flatMap(Self.timeScale(units:)) : nil
            slots.append(Slot(offset: offset, encoding: encoding, count: count, timeScale: scale))
            offset += count * encoding.width
        }
        self.slots = slots
        self.recordSize = offset
        self.hasStreamedValues = slots.contains { $0 != nil }
    }

    /// The epoch scale of a QStream time-location unit: das2 names plus Autoplot's `cdfTT2000`.
    static func timeScale(units: String) -> TimeScale? {
        units == "cdfTT2000" ? .tt2000 : TimeScale(rawValue: units)
    }
}

extension QStreamRecordLayout.Slot {
    /// Decodes `count` values at `base` into `out`.
    func decode(
        _ base: UnsafeRawPointer,
        bigEndian: Bool,
        into out: UnsafeMutablePointer<Double>,
        datasetID: @autoclosure () -> String,
        offset streamOffset: Int
    ) throws(Das2StreamError) {
        switch encoding.kind {
        case .real8:
            for i in 0..<count {
                let raw = base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
                out[i] = Double(bitPattern: bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw))
            }
        case .real4:
            for i in 0..<count {
                let raw = base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)
                out[i] = Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)))
            }
        case .int8, .int4, .int2, .int1:
            for i in 0..<count {
                out[i] = Double(loadInteger(base, index: i, bigEndian: bigEndian))
            }
        case .ascii:
            let width = encoding.width
            for i in 0..<count {
                out[i] = Self.parseNumber(UnsafeRawBufferPointer(start: base + i &* width, count: width))
            }
        case .hex:
            let width = encoding.width
            for i in 0..<count {
                out[i] = Self.parseHex(UnsafeRawBufferPointer(start: base + i &* width, count: width)).map(Double.init) ?? .nan
            }
        case .time:
            let width = encoding.width
            for i in 0..<count {
                let field = UnsafeRawBufferPointer(start: base + i &* width, count: width)
                out[i] = try parseTime(field, datasetID: datasetID(), offset: streamOffset)
            }
        }
    }

    /// Decodes `count` integer values at `base` into `out` exactly; the encoding must be an
    /// integer one.
    func decodeIntegers(
        _ base: UnsafeRawPointer,
        bigEndian: Bool,
        into out: UnsafeMutablePointer<Int64>,
        datasetID: @autoclosure () -> String,
        offset streamOffset: Int
    ) throws(Das2StreamError) {
        switch encoding.kind {
        case .int8, .int4, .int2, .int1:
            for i in 0..<count {
                out[i] = loadInteger(base, index: i, bigEndian: bigEndian)
            }
        case .hex:
            let width = encoding.width
            for i in 0..<count {
                let field = UnsafeRawBufferPointer(start: base + i &* width, count: width)
                guard let value = Self.parseHex(field) else {
                    throw Das2StreamError(
                        .invalidValue,
                        "Dataset \(datasetID()): '\(String(decoding: field, as: UTF8.self))' is not a hexadecimal integer",
                        offset: streamOffset
                    )
                }
                out[i] = value
            }
        case .real8, .real4, .ascii, .time:
            preconditionFailure("\(encoding.name) is not an integer encoding")
        }
    }

    private func loadInteger(_ base: UnsafeRawPointer, index i: Int, bigEndian: Bool) -> Int64 {
        switch encoding.kind {
        case .int8:
            let raw = base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
            return Int64(bitPattern: bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw))
        case .int4:
            let raw = base.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)
            return Int64(Int32(bitPattern: bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)))
        case .int2:
            let raw = base.loadUnaligned(fromByteOffset: i &* 2, as: UInt16.self)
            return Int64(Int16(bitPattern: bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)))
        default:
            return Int64(Int8(bitPattern: base.load(fromByteOffset: i, as: UInt8.self)))
        }
    }

    private func parseTime(
        _ field: UnsafeRawBufferPointer,
        datasetID: @autoclosure () -> String,
        offset streamOffset: Int
    ) throws(Das2StreamError) -> Double {
        let text = Self.trimmed(field)
        // The reference writer fills fill times with asterisks.
        if !text.isEmpty && text.allSatisfy({ $0 == UInt8(ascii: "*") }) { return .nan }
        guard let scale = timeScale else {
            throw Das2StreamError(
                .invalidUnits,
                "Dataset \(datasetID()) holds times but its UNITS are not a known time-location unit",
                offset: streamOffset
            )
        }
        guard let time = DasTime.parse(text, defaultYear: DasTime.currentYear) else {
            throw Das2StreamError(
                .invalidValue,
                "Dataset \(datasetID()): '\(String(decoding: field, as: UTF8.self))' is not a time",
                offset: streamOffset
            )
        }
        return scale.value(from: time)
    }

    /// A text number: blanks and control bytes trimmed, then the whole rest must be a number;
    /// anything else is NaN (stream-qstream.md §5.1).
    static func parseNumber(_ field: UnsafeRawBufferPointer) -> Double {
        let text = trimmed(field)
        guard !text.isEmpty, let parsed = CNumberParser.parseDouble(text), parsed.length == text.count else {
            return .nan
        }
        return parsed.value
    }

    /// A text hexadecimal integer with optional sign and `0x` prefix.
    static func parseHex(_ field: UnsafeRawBufferPointer) -> Int64? {
        let text = trimmed(field)
        var index = 0
        var negative = false
        if index < text.count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        if index + 1 < text.count && text[index] == UInt8(ascii: "0") && (text[index + 1] | 0x20) == UInt8(ascii: "x") {
            index += 2
        }
        guard index < text.count, text.count - index <= 16 else { return nil }
        var value: UInt64 = 0
        while index < text.count {
            let byte = text[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
            index += 1
        }
        let signed = Int64(bitPattern: value)
        return negative ? 0 &- signed : signed
    }

    /// The field without leading and trailing bytes ≤ 0x20 (Java `String.trim`).
    static func trimmed(_ field: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = field.count
        while start < end && field[start] <= 0x20 { start += 1 }
        while end > start && field[end - 1] <= 0x20 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: field[start..<end])
    }
}
