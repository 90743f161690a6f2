#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The time stamps of task strings: UTC `YYYY-MM-DDThh:mm:ss.mmm` (cache-and-queue.md §5.3,
/// fields `req_time`, `begin_time` and `end_time`).
public enum TaskTime {
    /// The current time, milliseconds truncated as the reference does.
    public static func now() -> String {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        return format(seconds: Int(clock.tv_sec), milliseconds: Int(clock.tv_nsec) / 1_000_000)
    }

    /// A time stamp for a Unix time.
    /// - Parameters:
    ///   - seconds: Seconds since 1970-01-01T00:00:00Z.
    ///   - milliseconds: The millisecond within that second, 0...999.
    /// - Returns: `YYYY-MM-DDThh:mm:ss.mmm`.
    public static func format(seconds: Int, milliseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = ""
        text.reserveCapacity(23)
        append(Int(parts.tm_year) + 1900, width: 4, to: &text)
        text += "-"
        append(Int(parts.tm_mon) + 1, width: 2, to: &text)
        text += "-"
        append(Int(parts.tm_mday), width: 2, to: &text)
        text += "T"
        append(Int(parts.tm_hour), width: 2, to: &text)
        text += ":"
        append(Int(parts.tm_min), width: 2, to: &text)
        text += ":"
        append(Int(parts.tm_sec), width: 2, to: &text)
        text += "."
        append(milliseconds, width: 3, to: &text)
        return text
    }

    /// Whether `text` has the shape `DDDD-DD-DDTDD:DD:DD.DDD`.
    public static func isTimeStamp(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 23 else { return false }
        let separators: [Int: UInt8] = [
            4: UInt8(ascii: "-"), 7: UInt8(ascii: "-"), 10: UInt8(ascii: "T"),
            13: UInt8(ascii: ":"), 16: UInt8(ascii: ":"), 19: UInt8(ascii: "."),
        ]
        for (index, byte) in bytes.enumerated() {
            if let separator = separators[index] {
                if byte != separator { return false }
            } else if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                return false
            }
        }
        return true
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
