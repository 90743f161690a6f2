#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DasTime {
    /// Parses a time string with the das2 "parsetime" heuristic (time.md §2).
    ///
    /// Accepts every form das2C accepts and rejects every form it rejects, quirks included:
    /// `YYYY-MM-DDThh:mm:ss.fff`, `YYYY-DDD`, month names, `MM/DD/YYYY`, `HHMM`, a decimal
    /// comma, a trailing `Z`, seconds up to 61, and so on. The result is not normalised
    /// (`…:60` keeps `second == 60`). Surrounding whitespace is ignored; longer texts than
    /// 79 bytes are rejected.
    /// - Parameters:
    ///   - text: The time text.
    ///   - defaultYear: The year used when the text names none (`Jan 5`).
    /// - Throws: ``Das2CoreError`` with code `invalidTime` when the parser rejects the text.
    public init(parsing text: some StringProtocol, defaultYear: Int = DasTime.currentYear) throws(Das2CoreError) {
        var utf8 = String(text)
        let parsed = utf8.withUTF8 { DasTime.parse(UnsafeRawBufferPointer($0), defaultYear: defaultYear) }
        guard let parsed else {
            throw Das2CoreError(.invalidTime, "'\(text)' is not a time the das2 time parser understands")
        }
        self = parsed
    }

    /// Parses the bytes of a time text, such as a whole `timeN` field, with the das2
    /// "parsetime" heuristic.
    ///
    /// The bytes may carry blanks, a trailing LF or a `Z`; a NUL byte ends the text as it
    /// does in C. Surrounding whitespace is stripped before the 79-byte limit applies.
    /// This is the allocation-free hot path behind ``init(parsing:defaultYear:)``.
    /// - Parameters:
    ///   - bytes: The text, ASCII.
    ///   - defaultYear: The year used when the text names none.
    /// - Returns: The broken-down time, not normalised, or `nil` when the parser rejects it.
    public static func parse(_ bytes: UnsafeRawBufferPointer, defaultYear: Int) -> DasTime? {
        guard let base = bytes.baseAddress else { return nil }
        var end = bytes.count
        if let nul = memchr(base, 0, end) { end = base.distance(to: UnsafeRawPointer(nul)) }
        var start = 0
        while start < end && TimeTextParser.isSpace(bytes[start]) { start += 1 }
        while end > start && TimeTextParser.isSpace(bytes[end - 1]) { end -= 1 }
        let count = end - start
        guard count > 0 && count <= TimeTextParser.maximumLength else { return nil }
        if let time = TimeTextParser.canonical(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
            return time
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TimeTextParser.maximumLength) { buffer in
            let text = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            UnsafeMutableRawBufferPointer(text).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            var parser = TimeTextParser(text: text, defaultYear: defaultYear)
            return parser.run()
        }
    }
}
