import Das2Core
import Testing

/// The minute cache must never change the text.
@Suite("TimeFieldFormat cache")
struct TimeFieldFormatCacheTests {
    static let formats: [TimeFieldFormat] =
        (20...31).compactMap { TimeFieldFormat(width: $0) } + (0...9).map { TimeFieldFormat(fractionDigits: $0) }

    @Test("cached writes equal uncached ones", arguments: [TimeScale.us2000, .t2000, .mj1958, .t1970, .ns1970, .tt2000])
    func cachedTextIsIdentical(scale: TimeScale) {
        var generator = SplitMix(seed: 0x5EED)
        var cache = TimeFieldFormat.Cache()
        // Walk forward and backward in small steps, with jumps, across minute boundaries and
        // values that round up to the next minute.
        var us2000 = -43_200_000_000.0 - 7
        for step in 0..<20_000 {
            switch generator.next() % 8 {
            case 0: us2000 += Double(generator.next() % 3_600_000_000_000)
            case 1: us2000 -= Double(generator.next() % 120_000_000)
            case 2: us2000 = (us2000 / 60e6).rounded(.up) * 60e6 - Double(generator.next() % 1000) / 10
            default: us2000 += Double(generator.next() % 20_000_000) + 0.123
            }
            let value = scale.value(fromUS2000: us2000)
            let format = Self.formats[step % Self.formats.count]
            var plain = [UInt8](repeating: 0, count: format.width - 1)
            var cached = plain
            plain.withUnsafeMutableBytes { format.write(value, in: scale, to: $0) }
            cached.withUnsafeMutableBytes { format.write(value, in: scale, to: $0, cache: &cache) }
            if plain != cached {
                Issue.record("\(scale) \(value) width \(format.width): \(String(decoding: plain, as: UTF8.self)) vs \(String(decoding: cached, as: UTF8.self))")
                return
            }
        }
    }

    @Test func fillAndNonFiniteValuesBypassTheCache() {
        var cache = TimeFieldFormat.Cache()
        let format = TimeFieldFormat(width: 24)!
        for value in [-1e31, .nan, .infinity, 0, -1e31] {
            var plain = [UInt8](repeating: 0, count: 23)
            var cached = plain
            plain.withUnsafeMutableBytes { format.write(value, in: .us2000, to: $0) }
            cached.withUnsafeMutableBytes { format.write(value, in: .us2000, to: $0, cache: &cache) }
            #expect(plain == cached)
        }
    }
}

/// A small deterministic generator for the walk above.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
