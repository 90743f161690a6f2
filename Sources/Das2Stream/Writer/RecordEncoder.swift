import Das2Core

/// Encodes the values of one packet id's records with das2C's exact text formats.
struct RecordEncoder: Sendable {
    enum Format: Hashable, Sendable {
        case real8(bigEndian: Bool)
        case real4(bigEndian: Bool)
        case ascii(primary: FloatFormat, narrower: FloatFormat?, width: Int)
        /// A time field; `exact` when the format's text is exactly the field's width - 1 bytes.
        case time(TimeFieldFormat, scale: TimeScale, exact: Bool)
    }

    struct Slot: Sendable {
        let format: Format
        let items: Int
        let width: Int
    }

    let slots: [Slot]
    let valueCount: Int
    let recordSize: Int

    init(header: PacketHeader) {
        var slots: [Slot] = []
        for plane in header.planes {
            let encoding = plane.encoding
            let format: Format
            switch encoding.kind {
            case .real8BigEndian: format = .real8(bigEndian: true)
            case .real8LittleEndian: format = .real8(bigEndian: false)
            case .real4BigEndian: format = .real4(bigEndian: true)
            case .real4LittleEndian: format = .real4(bigEndian: false)
            case .ascii:
                // das2C's default `%{W-1}.{W-8}e`; one digit less when a negative number with a
                // three-digit exponent would overflow the field (tools.md §10 row 4).
                let width = encoding.width
                let precision = max(0, width - 8)
                let primary = FloatFormat(.exponential, width: width - 1, precision: precision)
                let narrower = precision > 0 ? FloatFormat(.exponential, width: width - 1, precision: precision - 1) : nil
                format = .ascii(primary: primary, narrower: narrower, width: width)
            case .time:
                // Widths without a das2C default get the nearest one, cut or padded to fit.
                let field: TimeFieldFormat
                if let digits = encoding.fractionDigits {
                    field = TimeFieldFormat(fractionDigits: digits)
                } else {
                    field = TimeFieldFormat(width: encoding.width)
                        ?? TimeFieldFormat(width: min(max(encoding.width, 5), 31))!
                }
                format = .time(field, scale: plane.timeScale ?? .us2000, exact: field.width == encoding.width)
            }
            // Consecutive planes written alike form one run.
            if let last = slots.last, last.format == format, last.width == encoding.width {
                slots[slots.count - 1] = Slot(format: format, items: last.items + plane.items, width: encoding.width)
            } else {
                slots.append(Slot(format: format, items: plane.items, width: encoding.width))
            }
        }
        self.slots = slots
        self.valueCount = header.valueCount
        self.recordSize = header.recordSize
    }

    /// Appends the encoded values (not the tag) of one record: the record's bytes are
    /// reserved once and every value is formatted in place.
    func encode(
        _ values: UnsafeBufferPointer<Double>,
        into output: inout [UInt8],
        timeCache: inout TimeFieldFormat.Cache
    ) throws(Das2StreamError) {
        precondition(values.count >= valueCount, "record needs \(valueCount) values")
        let size = recordSize
        var failure: Das2StreamError?
        output.append(addingCapacity: size) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                do throws(Das2StreamError) {
                    try encode(values, into: UnsafeMutableRawBufferPointer(buffer), timeCache: &timeCache)
                    initialized = size
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
    }

    private func encode(
        _ values: UnsafeBufferPointer<Double>,
        into record: UnsafeMutableRawBufferPointer,
        timeCache: inout TimeFieldFormat.Cache
    ) throws(Das2StreamError) {
        var position = record.baseAddress.unsafelyUnwrapped
        var index = 0
        let lastSlot = slots.count - 1
        for (slotIndex, slot) in slots.enumerated() {
            let lastItem = slotIndex == lastSlot ? slot.items - 1 : -1
            switch slot.format {
            case .real8(let bigEndian):
                for item in 0..<slot.items {
                    let bits = values[index + item].bitPattern
                    position.storeBytes(of: bigEndian ? bits.bigEndian : bits.littleEndian, as: UInt64.self)
                    position += 8
                }
            case .real4(let bigEndian):
                for item in 0..<slot.items {
                    let bits = Float(values[index + item]).bitPattern
                    position.storeBytes(of: bigEndian ? bits.bigEndian : bits.littleEndian, as: UInt32.self)
                    position += 4
                }
            case .ascii(let primary, let narrower, let width):
                for item in 0..<slot.items {
                    let field = UnsafeMutableRawBufferPointer(start: position, count: width - 1)
                    try Self.writeASCII(values[index + item], primary: primary, narrower: narrower, into: field)
                    position.storeBytes(of: item == lastItem ? 0x0A : 0x20, toByteOffset: width - 1, as: UInt8.self)
                    position += width
                }
            case .time(let format, let scale, let exact):
                let width = slot.width
                for item in 0..<slot.items {
                    let field = UnsafeMutableRawBufferPointer(start: position, count: width - 1)
                    if exact {
                        format.write(values[index + item], in: scale, to: field, cache: &timeCache)
                    } else {
                        Self.writeTime(values[index + item], format: format, scale: scale, into: field)
                    }
                    position.storeBytes(of: item == lastItem ? 0x0A : 0x20, toByteOffset: width - 1, as: UInt8.self)
                    position += width
                }
            }
            index += slot.items
        }
    }

    /// das2C's `%{W-1}.{W-8}e`, or one digit less when a negative number with a three-digit
    /// exponent would overflow the field (tools.md §10 row 4).
    @inline(__always)
    private static func writeASCII(
        _ value: Double,
        primary: FloatFormat,
        narrower: FloatFormat?,
        into field: UnsafeMutableRawBufferPointer
    ) throws(Das2StreamError) {
        if primary.write(value, into: field) == field.count { return }
        if let narrower, narrower.write(value, into: field) == field.count { return }
        throw Das2StreamError(
            .invalidEncoding,
            "Output value '\(primary.string(value))' for encoding 'ascii\(field.count + 1)' does not fit \(field.count) bytes"
        )
    }

    /// A time in a field whose width has no das2C default: the nearest format's text, cut or
    /// padded with blanks.
    private static func writeTime(_ value: Double, format: TimeFieldFormat, scale: TimeScale, into field: UnsafeMutableRawBufferPointer) {
        var text: [UInt8] = []
        format.append(value, in: scale, to: &text)
        for index in 0..<field.count { field[index] = index < text.count ? text[index] : 0x20 }
    }
}
