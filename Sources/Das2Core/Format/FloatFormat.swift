/// A printf floating-point conversion (`%e`, `%f`, `%g`) with glibc's exact output.
///
/// das2 text streams must be byte-identical to what the C tools print, so the output follows
/// glibc `printf` exactly: the exact binary value is rounded half to even (`1.25` with `%.1e` is
/// `1.2e+00`), NaN prints as `nan` or `-nan` (sign bit set), infinities as `inf`/`-inf`, and the
/// `0` flag does not apply to them.
///
/// Values are converted with 128-bit arithmetic. The C library's `vsnprintf` itself prints the
/// rare value whose rounding that cannot certify (within 2^-63 of a decimal tie without being
/// one) and what lies beyond the 128-bit path: `%e` precisions above 17, `%g` precisions above
/// 18, `%f` precisions above 23 or values of 2^64 units of the last place and more, and results
/// with more than 24 digit characters.
public struct FloatFormat: Hashable, Sendable {
    /// The conversion letter.
    public enum Conversion: Hashable, Sendable {
        /// `%e`: one digit, the point, `precision` digits, `e`, a sign and at least two exponent digits.
        case exponential
        /// `%f`: the integer digits, the point and `precision` digits.
        case fixed
        /// `%g`: `%e` or `%f` by the exponent, `precision` significant digits, trailing zeros removed.
        case general
    }

    /// The printf flag characters.
    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8

        /// Creates a flag set from its raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// `0`: pad with zeros after the sign instead of blanks before it (not for NaN and infinity).
        public static let zeroPad = Flags(rawValue: 1 << 0)
        /// `-`: pad with blanks on the right; overrides `0`.
        public static let leftAlign = Flags(rawValue: 1 << 1)
        /// `+`: print `+` before non-negative values.
        public static let plusSign = Flags(rawValue: 1 << 2)
        /// ` `: print a blank before non-negative values; overridden by `+`.
        public static let spaceSign = Flags(rawValue: 1 << 3)
        /// `#`: always print the point; `%g` keeps trailing zeros.
        public static let alternate = Flags(rawValue: 1 << 4)
    }

    /// The conversion.
    public var conversion: Conversion
    /// The minimum field width; 0 means none (a negative value counts as 0).
    public var width: Int
    /// Digits after the point (`%e`, `%f`) or significant digits (`%g`); negative means 6, as in C.
    public var precision: Int
    /// The flags.
    public var flags: Flags

    /// Creates a conversion from its parts.
    /// - Parameters:
    ///   - conversion: `%e`, `%f` or `%g`.
    ///   - width: the minimum field width, 0 for none.
    ///   - precision: the C precision.
    ///   - flags: the flag characters.
    public init(_ conversion: Conversion, width: Int = 0, precision: Int = 6, flags: Flags = []) {
        self.conversion = conversion
        self.width = width
        self.precision = precision
        self.flags = flags
    }

    /// Parses a single C conversion spec such as `"%13.6e"`, `"%02.0f"`, `"%.3g"`, `"%-8.2f"`, `"%+.4e"`.
    ///
    /// The spec is `%`, any flags (`0 - + space #`), an optional width, an optional `.` with an
    /// optional precision (`.` alone means 0), an optional `l`, and `e`, `f` or `g`. Nothing may
    /// precede or follow it; `*`, upper-case conversions and widths or precisions above 100000
    /// are rejected.
    /// - Parameter spec: the conversion spec.
    /// - Returns: nil when `spec` is not such a spec.
    public init?(printf spec: String) {
        var bytes = spec.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "%") else { return nil }
        var flags: Flags = []
        var next = bytes.next()
        flagLoop: while let byte = next {
            switch byte {
            case UInt8(ascii: "0"): flags.insert(.zeroPad)
            case UInt8(ascii: "-"): flags.insert(.leftAlign)
            case UInt8(ascii: "+"): flags.insert(.plusSign)
            case UInt8(ascii: " "): flags.insert(.spaceSign)
            case UInt8(ascii: "#"): flags.insert(.alternate)
            default: break flagLoop
            }
            next = bytes.next()
        }
        let limit = 100_000
        var width = 0
        while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            width = width * 10 + Int(byte - UInt8(ascii: "0"))
            guard width <= limit else { return nil }
            next = bytes.next()
        }
        var precision = 6
        if next == UInt8(ascii: ".") {
            precision = 0
            next = bytes.next()
            while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                precision = precision * 10 + Int(byte - UInt8(ascii: "0"))
                guard precision <= limit else { return nil }
                next = bytes.next()
            }
        }
        if next == UInt8(ascii: "l") { next = bytes.next() }
        let conversion: Conversion
        switch next {
        case UInt8(ascii: "e"): conversion = .exponential
        case UInt8(ascii: "f"): conversion = .fixed
        case UInt8(ascii: "g"): conversion = .general
        default: return nil
        }
        guard bytes.next() == nil else { return nil }
        self.init(conversion, width: width, precision: precision, flags: flags)
    }

    /// An upper bound on the output length for any Double.
    ///
    /// `%f` of the largest doubles needs 309 integer digits, so this is large for `%f`.
    public var maxLength: Int {
        let precision = effectivePrecision
        let natural: Int
        switch conversion {
        case .exponential: natural = precision + 8  // sign, digit, point, "e-324"
        case .fixed: natural = precision + 311  // sign, 309 digits, point
        case .general: natural = max(precision, 1) + 8
        }
        return max(natural, width)
    }

    /// Appends exactly what glibc `printf(spec, value)` prints.
    ///
    /// Allocation-free when `bytes` has the capacity (outside the rare `vsnprintf` cases).
    /// - Parameters:
    ///   - value: the number.
    ///   - bytes: the buffer to append to.
    public func append(_ value: Double, to bytes: inout [UInt8]) {
        // The fast paths write at most 64 + 24 bytes.
        let room = 96
        var done = false
        bytes.append(addingCapacity: room) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                if let count = writeFast(value, to: buffer.baseAddress.unsafelyUnwrapped, capacity: room), count <= room {
                    initialized = count
                    done = true
                }
            }
        }
        if !done { appendGeneral(value, to: &bytes) }
    }

    /// Writes the text at the start of `buffer` when it fits.
    ///
    /// Fixed-width writers use this to format straight into a field: a value whose text would
    /// not fit is reported rather than written.
    /// - Returns: the number of bytes written, or nil (nothing written) when the text is longer
    ///   than `buffer`.
    public func write(_ value: Double, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let out = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        if let count = writeFast(value, to: out, capacity: buffer.count) {
            return count <= buffer.count ? count : nil
        }
        if let layout = layout(value) {
            guard layout.total <= buffer.count else { return nil }
            emit(layout, into: out)
            return layout.total
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { scratch in
            let count = write(value, to: UnsafeMutableRawBufferPointer(scratch))
            guard count <= buffer.count else { return nil }
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scratch)[0..<count]))
            return count
        }
    }

    /// Writes into `buffer` (capacity must be >= ``maxLength``) and returns the byte count.
    /// - Parameters:
    ///   - value: the number.
    ///   - buffer: where the text goes, starting at its first byte; no NUL is written.
    /// - Returns: the number of bytes written.
    public func write(_ value: Double, to buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= maxLength, "FloatFormat.write needs a buffer of maxLength bytes")
        let out = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        if let layout = layout(value) {
            emit(layout, into: out)
            return layout.total
        }
        if !value.isFinite { return emitNonFinite(value, into: out) }
        return printWithLibC(value, into: out, capacity: buffer.count)
    }

    /// ``append(_:to:)`` for what the fast paths do not cover, kept out of line so they stay small.
    @inline(never)
    private func appendGeneral(_ value: Double, to bytes: inout [UInt8]) {
        if let layout = layout(value) {
            bytes.append(addingCapacity: layout.total) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    emit(layout, into: buffer.baseAddress.unsafelyUnwrapped)
                    initialized = layout.total
                }
            }
            return
        }
        let capacity = maxLength
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
            let out = scratch.baseAddress.unsafelyUnwrapped
            let count = value.isFinite
                ? printWithLibC(value, into: out, capacity: capacity) : emitNonFinite(value, into: out)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// The formatted text as a String (convenience, not for hot paths).
    /// - Parameter value: the number.
    /// - Returns: what glibc `printf` prints.
    public func string(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The precision C uses: a negative precision counts as omitted.
    var effectivePrecision: Int { precision < 0 ? 6 : precision }
}
