import Das2Core

/// Encodes the values of one packet id's records in the writer profile (stream-qstream.md
/// §11): binary values in the stream's byte order, text fields right-aligned (numbers) or
/// left-aligned (times) with one blank separator, and a final `0A` when the record ends in text.
struct QStreamRecordEncoder: Sendable {
    struct Slot: Sendable {
        let encoding: QStreamEncoding
        let count: Int
        let timeFormat: TimeFieldFormat?
        let timeScale: TimeScale?
    }

    let slots: [Slot]
    /// The dataset id of each slot, for error messages.
    let datasetIDs: [String]
    let valueCount: Int
    let recordSize: Int
    let bigEndian: Bool
    /// Whether the record's last byte belongs to a text field, and so becomes `0A`.
    let endsInText: Bool

    init(descriptor: QStreamPacketDescriptor, byteOrder: QStreamDescriptor.ByteOrder) {
        var slots: [Slot] = []
        var ids: [String] = []
        for dataset in descriptor.datasets {
            guard let encoding = dataset.encoding else { continue }
            let isTime = encoding.kind == .time
            slots.append(
                Slot(
                    encoding: encoding,
                    count: dataset.valuesPerRecord,
                    timeFormat: isTime ? TimeFieldFormat(width: encoding.width) : nil,
                    timeScale: isTime ? dataset.units.flatMap(QStreamRecordLayout.timeScale(units:)) : nil
                )
            )
            ids.append(dataset.id)
        }
        self.slots = slots
        self.datasetIDs = ids
        self.valueCount = slots.reduce(0) { $0 + $1.count }
        self.recordSize = descriptor.recordSize
        self.bigEndian = byteOrder == .bigEndian
        self.endsInText = slots.last(where: { $0.count > 0 })?.encoding.isText ?? false
    }

    /// Appends one record (without its tag).
    func encode(_ values: UnsafeBufferPointer<Double>, into out: inout [UInt8]) throws(Das2StreamError) {
        var next = 0
        for index in slots.indices {
            for _ in 0..<slots[index].count {
                try append(values[next], slot: index, to: &out)
                next += 1
            }
        }
        if endsInText {
            out[out.count - 1] = 0x0A
        }
    }

    private func append(_ value: Double, slot index: Int, to out: inout [UInt8]) throws(Das2StreamError) {
        let slot = slots[index]
        switch slot.encoding.kind {
        case .real8:
            appendBytes(of: value.bitPattern, to: &out)
        case .real4:
            appendBytes(of: Float(value).bitPattern, to: &out)
        case .int8:
            appendBytes(of: UInt64(bitPattern: try integer(value, as: Int64.self, slot: index)), to: &out)
        case .int4:
            appendBytes(of: UInt32(bitPattern: try integer(value, as: Int32.self, slot: index)), to: &out)
        case .int2:
            appendBytes(of: UInt16(bitPattern: try integer(value, as: Int16.self, slot: index)), to: &out)
        case .int1:
            out.append(UInt8(bitPattern: try integer(value, as: Int8.self, slot: index)))
        case .ascii:
            appendNumber(value, width: slot.encoding.width, to: &out)
        case .time:
            if value.isFinite, let format = slot.timeFormat, let scale = slot.timeScale {
                format.append(value, in: scale, to: &out)
            } else {
                // The reference writer's fill: asterisks.
                out.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: slot.encoding.width - 1))
            }
            out.append(UInt8(ascii: " "))
        case .hex:
            preconditionFailure("hexN is not in the writer profile")
        }
    }

    private func appendBytes<T: FixedWidthInteger>(of value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { out.append(contentsOf: $0) }
    }

    private func integer<T: FixedWidthInteger>(_ value: Double, as type: T.Type, slot index: Int) throws(Das2StreamError) -> T {
        guard let result = T(exactly: value) else {
            throw Das2StreamError(
                .invalidValue,
                "Value \(value) of dataset \(datasetIDs[index]) is not an integer that fits \(slots[index].encoding.name)"
            )
        }
        return result
    }

    /// A number right-aligned in `width − 1` bytes plus a blank: exponential notation with as
    /// many digits as fit (at most 17 significant, enough to read back the same double).
    private func appendNumber(_ value: Double, width: Int, to out: inout [UInt8]) {
        let start = out.count
        let room = width - 1
        if value.isNaN {
            out.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            // sign, digit, point and a four-byte exponent take 7 bytes besides the fraction.
            var precision = min(max(room - 7, 0), 16)
            while true {
                FloatFormat(.exponential, precision: precision).append(value, to: &out)
                if out.count - start <= room || precision == 0 { break }
                out.removeSubrange(start...)
                precision -= 1
            }
        }
        let padding = room - (out.count - start)
        if padding > 0 {
            out.insert(contentsOf: repeatElement(UInt8(ascii: " "), count: padding), at: start)
        }
        out.append(UInt8(ascii: " "))
    }
}
