#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CNumberParser {
    /// glibc's `strtod` on a NUL-terminated copy of `text[start ..< end]`, a prefix the scanner
    /// has already validated, for the cases the fast conversions leave open.
    @inline(never)
    static func strtodFallback(_ text: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double {
        let count = end &- start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count &+ 1) { copy in
            let base = copy.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: text + start, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
    }
}
