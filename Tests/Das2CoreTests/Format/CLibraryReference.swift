#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library calls the format tests compare against.
enum CLibrary {
    /// What `snprintf(buffer, size, spec, value)` writes.
    static func format(_ spec: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 1_200)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        return String(decoding: buffer[..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    #if arch(x86_64)
    /// What `snprintf` writes for an 80-bit value (exact decimal expansions of double midpoints).
    static func format(_ spec: String, _ value: Float80) -> String {
        var buffer = [CChar](repeating: 0, count: 1_200)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        return String(decoding: buffer[..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    #endif

    /// `strtod` on a NUL-terminated copy: the value and the consumed length, nil when `endptr`
    /// stays at the start.
    static func parseDouble(_ bytes: [UInt8]) -> (value: Double, length: Int)? {
        var copy = bytes.map { CChar(bitPattern: $0) }
        copy.append(0)
        return copy.withUnsafeMutableBufferPointer { buffer in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            let length = end! - buffer.baseAddress!
            return length == 0 ? nil : (value, length)
        }
    }

    /// `strtol(s, &end, 10)` on a NUL-terminated copy, like ``parseDouble(_:)``.
    static func parseLong(_ bytes: [UInt8]) -> (value: Int, length: Int)? {
        var copy = bytes.map { CChar(bitPattern: $0) }
        copy.append(0)
        return copy.withUnsafeMutableBufferPointer { buffer in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtol(buffer.baseAddress!, &end, 10)
            let length = end! - buffer.baseAddress!
            return length == 0 ? nil : (value, length)
        }
    }
}

/// SplitMix64: a small deterministic generator so every run tests the same values.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

/// Test inputs for the number formatting and parsing tests.
enum SampleValues {
    /// Values that exercise signs, zeros, subnormals, extremes, non-finite values and exact
    /// decimal ties.
    static let edges: [Double] = [
        0, -0.0, 1, -1, 0.5, 1.5, 2.5, 1.25, 0.125, 0.375, 125, 135, 0.0625, 7.5, 6.5, 9.5, 99.5,
        999.5, 59.9996, 59.9995, 59.5, 0.05, 1e22, 1e23, 9_007_199_254_740_994, 16_777_215,
        12_345_675, 4148.47998046875, 2.2582907676696777, 0.14114317297935486, -1.5e-100, -1e31,
        1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
        Double(bitPattern: 0x000F_FFFF_FFFF_FFFF),
        1.7976931348623157e308, -1.7976931348623157e308, .infinity, -.infinity, .nan, -.nan,
        Double(bitPattern: 0x7FF0_0000_0000_0001), Double(bitPattern: 0xFFF8_0000_0000_1234),
        // Within 2^-63 of a rounding tie at 1 or 2 significant digits: vsnprintf decides.
        8.5e+195, 7.55e+176, 2.55e-73, 9.5e-87, 3.5e-303,
    ]

    /// Deterministic values of the kinds das2 streams carry.
    static func mixed(count: Int, seed: UInt64) -> [Double] {
        var random = SplitMix64(state: seed)
        return (0 ..< count).map { index in
            switch index % 7 {
            case 0:
                return Double(bitPattern: random.next())
            case 1:
                return Double(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
            case 2:
                // Near k + 0.5 scaled by a power of ten: decimal ties and near-ties.
                let k = Double(random.next(below: 2_000_000) - 1_000_000) + 0.5
                return k * pow(10, Double(random.next(below: 40) - 20))
            case 3:
                return Double(Int64(bitPattern: random.next()) >> random.next(below: 64))
            case 4:
                return pow(2, Double(random.next(below: 2_100) - 1_075))
            case 5:
                // Seconds of a minute with micro- and nanosecond parts.
                return Double(random.next(below: 60_000_000)) / 1e6 + Double(random.next(below: 1_000)) / 1e9
            default:
                return Double(Float(random.unit() * 2 - 1) * Float(pow(10, Double(random.next(below: 24) - 12))))
            }
        }
    }
}
