#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FloatFormat {
    /// Prints with the C library's `vsnprintf`, the reference, for what the fast path cannot
    /// certify or does not cover.
    /// - Returns: the byte count; `capacity` must be at least ``maxLength``.
    @inline(never)
    func printWithLibC(_ value: Double, into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        let spec = cSpec
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity + 1) { text in
            let count = Int(withVaList([value]) { vsnprintf(text.baseAddress, text.count, spec, $0) })
            precondition(count >= 0 && count <= capacity, "FloatFormat buffer smaller than maxLength")
            UnsafeMutableRawPointer(out).copyMemory(from: text.baseAddress!, byteCount: count)
            return count
        }
    }

    /// The conversion as a NUL-terminated C format string.
    private var cSpec: [CChar] {
        var spec: [UInt8] = [UInt8(ascii: "%")]
        if flags.contains(.leftAlign) { spec.append(UInt8(ascii: "-")) }
        if flags.contains(.plusSign) { spec.append(UInt8(ascii: "+")) }
        if flags.contains(.spaceSign) { spec.append(UInt8(ascii: " ")) }
        if flags.contains(.alternate) { spec.append(UInt8(ascii: "#")) }
        if flags.contains(.zeroPad) { spec.append(UInt8(ascii: "0")) }
        if width > 0 { spec.append(contentsOf: String(width).utf8) }
        spec.append(UInt8(ascii: "."))
        spec.append(contentsOf: String(effectivePrecision).utf8)
        switch conversion {
        case .exponential: spec.append(UInt8(ascii: "e"))
        case .fixed: spec.append(UInt8(ascii: "f"))
        case .general: spec.append(UInt8(ascii: "g"))
        }
        spec.append(0)
        return spec.map { CChar(bitPattern: $0) }
    }
}
