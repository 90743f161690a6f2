import Das2Core
import Das2Stream

/// Writes records in one of the HAPI formats (§6.2–§6.4), straight into a byte buffer.
struct HAPIRecordEncoder: Sendable {
    let format: HAPIFormat
    /// The selected parameters, the time parameter first.
    let parameters: [HAPIParameter]
    /// What the record loop needs of each parameter after the time, without the parameters'
    /// strings (copying those per record would cost reference counting).
    private let columns: [Column]
    private var timeWriter = IsoTimeWriter()
    /// Records written so far.
    private(set) var recordCount = 0

    private struct Column: Sendable {
        var parameter: Int
        var kind: HAPIParameter.Kind
        var valueOffset: Int
        var valueCount: Int
        var fillValue: Double
        var nested: Bool
        var length: Int
    }

    init(format: HAPIFormat, parameters: [HAPIParameter]) {
        self.format = format
        self.parameters = parameters
        columns = parameters.indices.dropFirst().map { index in
            let parameter = parameters[index]
            return Column(
                parameter: index, kind: parameter.kind, valueOffset: parameter.valueOffset, valueCount: parameter.valueCount,
                fillValue: parameter.fillValue, nested: format == .json && parameter.size != nil, length: parameter.length ?? 0
            )
        }
    }

    /// Writes a record whose time is `time` (microseconds since 2000) and whose other values are
    /// `values`, a das2 record decoded plane by plane.
    mutating func write(time: Int64, values: UnsafeBufferPointer<Double>, into output: inout [UInt8]) {
        beginRecord(into: &output)
        appendTime(time, into: &output)
        for column in columns {
            separate(into: &output)
            if column.nested { output.append(UInt8(ascii: "[")) }
            for item in 0..<column.valueCount {
                if item > 0 { separate(into: &output) }
                let value = values[column.valueOffset + item]
                switch column.kind {
                case .isotime:
                    appendTimeValue(value, parameter: parameters[column.parameter], into: &output)
                case .double:
                    appendDouble(Plane.isFill(value, fill: column.fillValue) ? column.fillValue : value, into: &output)
                case .integer:
                    appendInteger(value, into: &output)
                case .string:
                    appendString("", length: column.length, into: &output)
                }
            }
            if column.nested { output.append(UInt8(ascii: "]")) }
        }
        endRecord(into: &output)
    }

    /// Writes an availability record (§8.4): the interval and its status; the selected
    /// parameters decide which of `stop` and `status` appear.
    mutating func writeInterval(start: Int64, stop: Int64, status: String, into output: inout [UInt8]) {
        beginRecord(into: &output)
        appendTime(start, into: &output)
        for parameter in parameters.dropFirst() {
            separate(into: &output)
            if parameter.kind == .isotime {
                appendTime(stop, into: &output)
            } else {
                appendString(status, length: parameter.length ?? status.utf8.count, into: &output)
            }
        }
        endRecord(into: &output)
    }

    private mutating func beginRecord(into output: inout [UInt8]) {
        if format == .json {
            if recordCount > 0 { output.append(UInt8(ascii: ",")) }
            output.append(10)
            output.append(UInt8(ascii: "["))
        }
    }

    private mutating func endRecord(into output: inout [UInt8]) {
        switch format {
        case .csv: output.append(10)
        case .json: output.append(UInt8(ascii: "]"))
        case .binary: break
        }
        recordCount += 1
    }

    private func separate(into output: inout [UInt8]) {
        if format != .binary { output.append(UInt8(ascii: ",")) }
    }

    private mutating func appendTime(_ microseconds: Int64, into output: inout [UInt8]) {
        if format == .json { output.append(UInt8(ascii: "\"")) }
        timeWriter.append(microseconds: microseconds, to: &output)
        if format == .json { output.append(UInt8(ascii: "\"")) }
    }

    /// A time read from a record: fill (or a time that cannot be written) becomes the fill text.
    private mutating func appendTimeValue(_ value: Double, parameter: HAPIParameter, into output: inout [UInt8]) {
        guard !Plane.isFill(value, fill: Plane.defaultFill), let units = parameter.timeUnits,
            let microseconds = HAPIPlanes.microseconds(value, units: units)
        else {
            appendString(parameter.fill ?? "", length: IsoTimeWriter.length, into: &output)
            return
        }
        appendTime(microseconds, into: &output)
    }

    private func appendDouble(_ value: Double, into output: inout [UInt8]) {
        switch format {
        case .csv:
            HAPINumberFormat.append(value, to: &output)
        case .json:
            HAPINumberFormat.append(value, to: &output, nonFinite: .null)
        case .binary:
            let bits = value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern
            withUnsafeBytes(of: bits.littleEndian) { output += $0 }
        }
    }

    /// A signed 32-bit value; values that do not fit are clamped.
    private func appendInteger(_ value: Double, into output: inout [UInt8]) {
        let integer = value.isNaN ? 0 : Int32(max(Double(Int32.min), min(Double(Int32.max), value.rounded())))
        if format == .binary {
            withUnsafeBytes(of: integer.littleEndian) { output += $0 }
        } else {
            HAPINumberFormat.append(integer: Int(integer), to: &output)
        }
    }

    /// A string value: CSV quotes it when needed (RFC 4180), binary pads it with NULs to
    /// `length` bytes, JSON escapes it.
    private func appendString(_ text: String, length: Int, into output: inout [UInt8]) {
        let bytes = Array(text.utf8.prefix(length))
        switch format {
        case .csv:
            if bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                output.append(UInt8(ascii: "\""))
                for byte in bytes {
                    output.append(byte)
                    if byte == UInt8(ascii: "\"") { output.append(byte) }
                }
                output.append(UInt8(ascii: "\""))
            } else {
                output += bytes
            }
        case .binary:
            output += bytes
            output += repeatElement(0, count: length - bytes.count)
        case .json:
            output += JSONValue.string(String(decoding: bytes, as: UTF8.self)).serialized(indent: 0).dropLast()
        }
    }
}
