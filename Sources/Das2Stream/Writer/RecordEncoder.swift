import Das2Core

/// Encodes the values of one packet id's records with das2C's exact text formats.
struct RecordEncoder: Sendable {
    enum Format: Sendable {
        case real8(bigEndian: Bool)
        case real4(bigEndian: Bool)
        case ascii(primary: FloatFormat, narrower: FloatFormat?, width: Int)
        case time(TimeFieldFormat, scale: TimeScale)
    }

    struct Slot: Sendable {
        let format: Format
        let items: Int
        let isText: Bool
    }

    let slots: [Slot]
    let valueCount: Int
    let recordSize: Int
    /// Whether the record ends with a newline (its last plane is text).
    let endsWithNewline: Bool

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
                let field: TimeFieldFormat
                if let digits = encoding.fractionDigits {
                    field = TimeFieldFormat(fractionDigits: digits)
                } else {
                    field = TimeFieldFormat(width: encoding.width)
                        ?? TimeFieldFormat(width: min(max(encoding.width, 5), 31))!
                }
                format = .time(field, scale: plane.timeScale ?? .us2000)
            }
            slots.append(Slot(format: format, items: plane.items, isText: encoding.isText))
        }
        self.slots = slots
        self.valueCount = header.valueCount
        self.recordSize = header.recordSize
        self.endsWithNewline = slots.last?.isText ?? false
    }

    /// Appends the encoded values (not the tag) of one record.
    func encode(_ values: UnsafeBufferPointer<Double>, into output: inout [UInt8]) throws(Das2StreamError) {
        precondition(values.count >= valueCount, "record needs \(valueCount) values")
        var index = 0
        let lastSlot = slots.count - 1
        for (slotIndex, slot) in slots.enumerated() {
            switch slot.format {
            case .real8(let bigEndian):
                for i in 0..<slot.items {
                    let bits = values[index + i].bitPattern
                    Self.append(bigEndian ? bits.bigEndian : bits.littleEndian, to: &output)
                }
            case .real4(let bigEndian):
                for i in 0..<slot.items {
                    let bits = Float(values[index + i]).bitPattern
                    Self.append(bigEndian ? bits.bigEndian : bits.littleEndian, to: &output)
                }
            case .ascii(let primary, let narrower, let width):
                for i in 0..<slot.items {
                    try Self.appendASCII(values[index + i], primary: primary, narrower: narrower, width: width, to: &output)
                    output.append(slotIndex == lastSlot && i == slot.items - 1 ? 0x0A : 0x20)
                }
            case .time(let field, let scale):
                for i in 0..<slot.items {
                    field.append(values[index + i], in: scale, to: &output)
                    output.append(slotIndex == lastSlot && i == slot.items - 1 ? 0x0A : 0x20)
                }
            }
            index += slot.items
        }
    }

    @inline(__always)
    private static func append<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
        withUnsafeBytes(of: value) { output.append(contentsOf: $0) }
    }

    private static func appendASCII(
        _ value: Double,
        primary: FloatFormat,
        narrower: FloatFormat?,
        width: Int,
        to output: inout [UInt8]
    ) throws(Das2StreamError) {
        let field = width - 1
        let start = output.count
        primary.append(value, to: &output)
        if output.count - start == field { return }
        output.removeSubrange(start...)
        if let narrower {
            narrower.append(value, to: &output)
            if output.count - start == field { return }
            output.removeSubrange(start...)
        }
        var text: [UInt8] = []
        primary.append(value, to: &text)
        throw Das2StreamError(
            .invalidEncoding,
            "Output value '\(String(decoding: text, as: UTF8.self))' for encoding 'ascii\(width)' occupied \(text.count) bytes, expected \(field)"
        )
    }
}
