/// The duration of an `AGE:` access condition (auth.md §3.1): `1y6m`, `18m`, `2y`, `36h`.
///
/// One or more groups of decimal digits followed by a unit, without spaces: `y` years,
/// `m` **months** (not minutes), `d` days, `h` hours, in any case. The lock point is the
/// current UTC time with each group subtracted from its calendar field in the order written,
/// the overflow normalized after every step, so 2024-03-31 minus `1m` is 2024-02-31, which
/// is 2024-03-02. Data ending strictly before the lock point is public.
public struct AccessAge: Hashable, Sendable {
    /// The calendar field a group subtracts from.
    public enum Unit: Hashable, Sendable {
        /// `y`: calendar years.
        case years
        /// `m`: calendar months.
        case months
        /// `d`: days.
        case days
        /// `h`: hours.
        case hours
    }

    /// One `<digits><unit>` group.
    public struct Step: Hashable, Sendable {
        /// The number of units, saturated at ``AccessAge/largestCount``.
        public var count: Int
        /// The calendar field.
        public var unit: Unit

        /// Creates a group.
        /// - Parameters:
        ///   - count: The number of units.
        ///   - unit: The calendar field.
        public init(count: Int, unit: Unit) {
            self.count = count
            self.unit = unit
        }
    }

    /// The groups in the order written.
    public let steps: [Step]

    /// The largest count a group keeps; larger counts are clamped to it. Every unit times
    /// this count reaches back before year 100, so clamping does not change any decision
    /// and keeps the calendar arithmetic free of overflow.
    public static let largestCount = 100_000_000

    /// Parses an age such as `1y6m` (auth.md §3.1).
    ///
    /// Surrounding white space is ignored. As in the reference, trailing digits without a unit
    /// are ignored (`1y6` is `1y`) and so is a unit letter without digits before it.
    /// - Parameter text: The value of the `AGE:` condition.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` when the text holds any
    ///   other character (a space inside, `1y 6m`) or no complete group (`18`, empty).
    public init(parsing text: some StringProtocol) throws(Das2CoreError) {
        let trimmed = text.trimmingWhitespace()
        var steps: [Step] = []
        var count: Int?
        for byte in trimmed.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                count = min((count ?? 0) * 10 + Int(byte - UInt8(ascii: "0")), AccessAge.largestCount)
                continue
            }
            let unit: Unit
            switch byte | 0x20 {
            case UInt8(ascii: "y"): unit = .years
            case UInt8(ascii: "m"): unit = .months
            case UInt8(ascii: "d"): unit = .days
            case UInt8(ascii: "h"): unit = .hours
            default:
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Invalid AGE value '\(text)': only digits and the units y, m, d, h are allowed")
            }
            if let pending = count {
                steps.append(Step(count: pending, unit: unit))
                count = nil
            }
        }
        guard !steps.isEmpty else {
            throw Das2CoreError(
                .invalidConfiguration,
                "Invalid AGE value '\(text)': expected one or more <number><unit> groups, units y, m, d, h (e.g. 1y6m)")
        }
        self.steps = steps
    }

    /// Creates an age from its groups.
    /// - Parameter steps: The groups, applied in order.
    public init(steps: [Step]) {
        self.steps = steps.map { Step(count: min(max($0.count, 0), AccessAge.largestCount), unit: $0.unit) }
    }

    /// The lock point: `now` minus this age, field by field (auth.md §3.1).
    ///
    /// Data whose end lies strictly before the lock point is old enough to be public.
    /// - Parameter now: The current UTC time (injected so that tests control the clock).
    /// - Returns: The normalized lock point, or `nil` when it falls before year 100, where
    ///   das2 times cannot reach, so that no request is old enough.
    public func lockPoint(now: DasTime) -> DasTime? {
        var lock = now.normalized()
        for step in steps {
            switch step.unit {
            case .years: lock.year -= step.count
            case .months: lock.month -= step.count
            case .days: lock.mday -= step.count
            case .hours: lock.hour -= step.count
            }
            // Normalizing adds 1900 to years below 100, which would move the lock point forward.
            guard lock.year >= 100 else { return nil }
            lock.normalize()
            guard lock.year >= 100 else { return nil }
        }
        return lock
    }
}
