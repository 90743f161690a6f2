/// The das2 "parsetime" heuristic (time.md §2.1) over a private, writable copy of the text.
///
/// One value per parse; it works in place on the caller's buffer and allocates nothing.
struct TimeTextParser {
    /// das2C copies the text into an 80-byte C string, so 79 bytes is the longest usable text.
    static let maximumLength = 79

    /// C `isspace` in the C locale.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// The common `YYYY-MM-DD[Thh[:mm[:ss[.f…]]]][Z]` (a blank may stand for the `T`) with
    /// every field in range, read directly; `nil` for anything else, which the heuristic then
    /// handles.
    ///
    /// For these texts the heuristic gives exactly these fields: the 4-digit token is the
    /// year, 1–12 after it the month, the next number the day of month, and the time tokens
    /// follow in order (time.md §2.1, step 6).
    static func canonical(_ text: UnsafeRawBufferPointer) -> DasTime? {
        var length = text.count
        guard length >= 10 else { return nil }
        if text[length - 1] == UInt8(ascii: "Z") { length -= 1 }

        /// The 0...9 value of a digit; 10 or more for any other byte.
        func digit(_ i: Int) -> Int { Int(text[i] &- 0x30) }
        func twoDigits(_ i: Int) -> Int? {
            let (tens, ones) = (digit(i), digit(i + 1))
            return tens < 10 && ones < 10 ? tens * 10 + ones : nil
        }

        guard let century = twoDigits(0), let yearOfCentury = twoDigits(2), text[4] == UInt8(ascii: "-"),
              let month = twoDigits(5), text[7] == UInt8(ascii: "-"), let mday = twoDigits(8)
        else { return nil }
        let year = century * 100 + yearOfCentury
        guard year != 0, (1...12).contains(month),
              mday >= 1 && mday <= GregorianCalendar.daysInMonth(month, year: year)
        else { return nil }
        var time = DasTime(year: year, month: month, mday: mday)
        guard length > 10 else { return time }

        guard text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: " "), length >= 13,
              let hour = twoDigits(11), hour <= 23
        else { return nil }
        time.hour = hour
        guard length > 13 else { return time }

        guard text[13] == UInt8(ascii: ":"), length >= 16, let minute = twoDigits(14), minute <= 59
        else { return nil }
        time.minute = minute
        guard length > 16 else { return time }

        guard text[16] == UInt8(ascii: ":"), length >= 19, let seconds = twoDigits(17) else { return nil }
        // At most 15 digits in all, so that the value is exact before its one rounding.
        var mantissa = seconds
        var scale = 1
        if length > 19 {
            guard text[19] == UInt8(ascii: "."), length > 20, length <= 33 else { return nil }
            for i in 20..<length {
                let value = digit(i)
                guard value < 10 else { return nil }
                mantissa = mantissa * 10 + value
                scale *= 10
            }
        }
        if mantissa % scale != 0 {
            time.second = Double(mantissa) / Double(scale)
        } else {
            guard seconds <= 61 else { return nil }
            time.second = Double(seconds)
        }
        return time
    }

    private enum Step { case next, stop, fail }

    private var text: UnsafeMutableBufferPointer<UInt8>
    private var end: Int
    /// Index of the byte that ends the date part (`T` or the third counted delimiter), if any.
    private var dateBoundary: Int?
    private var tIsDelimiter = false

    private var year: Int
    private var month = 0
    private var mday = 0
    private var yday = 0
    private var hour = 0
    private var minute = 0
    private var second = 0.0

    private var wantDate = true
    private var wantYear = true
    private var wantMonth = true
    private var wantDay = true
    private var wantHour = false
    private var wantMinute = false
    private var wantSecond = false
    /// A number 1...12 seen before it was clear whether it is a month or a day.
    private var hold = 0

    init(text: UnsafeMutableBufferPointer<UInt8>, defaultYear: Int) {
        self.text = text
        self.end = text.count
        self.year = defaultYear
    }

    /// Runs the heuristic; `nil` when das2C would reject the text.
    mutating func run() -> DasTime? {
        prepare()
        var position = 0
        var tokens = 0
        scan: while tokens < 10 {
            while position < end && isDelimiter(text[position]) { position += 1 }
            guard position < end else { break }
            let start = position
            // Plain decimals ("2014", "00.046") are read while the token is scanned.
            var mantissa = 0
            var digits = 0
            var fractionDigits = 0
            var seenPoint = false
            var plain = true
            repeat {
                let byte = text[position]
                if isDelimiter(byte) { break }
                if Self.isDigit(byte) && digits < 15 {
                    mantissa = mantissa &* 10 &+ Int(byte &- 0x30)
                    digits += 1
                    if seenPoint { fractionDigits += 1 }
                } else if byte == UInt8(ascii: ".") && !seenPoint {
                    seenPoint = true
                } else {
                    plain = false
                }
                position += 1
            } while position < end
            tokens += 1
            let plainNumber = plain && digits > 0 ? (mantissa, fractionDigits) : nil
            switch take(start, position, plain: plainNumber) {
            case .next: continue
            case .stop: break scan
            case .fail: return nil
            }
        }
        guard tokens > 0 else { return nil }
        return finish()
    }

    /// Steps 1–3 in one pass: decimal comma, `Z` cut, date/time boundary.
    ///
    /// Everything from the first `Z` on is discarded, so the scan stops there: a comma, `T`
    /// or delimiter after it cannot matter.
    private mutating func prepare() {
        var commaSeen = false
        var firstT: Int?
        var thirdDelimiter: Int?
        var counted = 0
        var i = 0
        while i < end {
            let byte = text[i]
            i += 1
            if Self.isDigit(byte) { continue }  // most bytes: skip the tests below
            switch byte {
            case UInt8(ascii: ","):
                if !commaSeen {
                    text[i - 1] = UInt8(ascii: ".")
                    commaSeen = true
                }
            case UInt8(ascii: "Z"):
                end = i - 1
            case UInt8(ascii: "T"):
                if firstT == nil { firstT = i - 1 }
            // Blanks do not count: the third "/-:_;" CR or LF ends the date.
            case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_"),
                 UInt8(ascii: ";"), 0x0D, 0x0A:
                counted += 1
                if counted == 3 { thirdDelimiter = i - 1 }
            default:
                break
            }
        }
        if let tee = firstT, tee > 0, Self.isDigit(text[tee - 1]) {
            dateBoundary = tee
            tIsDelimiter = true
        } else {
            dateBoundary = thirdDelimiter
        }
    }

    /// Blank, TAB, CR, LF, `-`, `/`, `:`, `;` as bits of the bytes below 64.
    private static let lowDelimiters: UInt64 = (1 << 0x20) | (1 << 0x09) | (1 << 0x0D) | (1 << 0x0A)
        | (1 << 0x2D) | (1 << 0x2F) | (1 << 0x3A) | (1 << 0x3B)

    @inline(__always)
    private func isDelimiter(_ byte: UInt8) -> Bool {
        if byte < 64 { return Self.lowDelimiters & (1 << UInt64(byte)) != 0 }
        return byte == UInt8(ascii: "_") || (byte == UInt8(ascii: "T") && tIsDelimiter)
    }

    /// Step 6 for one token `text[start..<stop]`; `plain` holds its digits and the count of
    /// them after the point when the token is a plain decimal of at most 15 digits.
    private mutating func take(_ start: Int, _ stop: Int, plain: (mantissa: Int, fractionDigits: Int)?) -> Step {
        if let boundary = dateBoundary, wantDate, start > boundary {
            wantDate = false
            wantHour = true
            wantMinute = true
            wantSecond = true
        }
        let length = stop - start

        // "(ddd)", the day of year of "YYYY-MM-DD (DDD) hh:mm:ss", is skipped.
        if length == 5 && text[start] == UInt8(ascii: "(") && text[start + 4] == UInt8(ascii: ")"),
           let dayOfYear = number(start + 1, stop), dayOfYear > 0 && dayOfYear < 367 {
            return .next
        }

        let number: Int
        if let plain, plain.fractionDigits == 0 {
            number = plain.mantissa
        } else if let plain {
            // 15 digits are exact in a double, and so is their quotient by an exact power of
            // ten: C strtod gives the same correctly rounded value.
            var scale = 10
            for _ in 1..<plain.fractionDigits { scale *= 10 }
            guard plain.mantissa % scale == 0 else { return takeFraction(Double(plain.mantissa) / Double(scale)) }
            number = plain.mantissa / scale
        } else {
            guard let value = self.number(start, stop) else { return takeMonthName(start, stop) }
            if Self.hasFraction(value) { return takeFraction(value) }
            // C converts with (int): negatives and anything beyond Int32 fail.
            guard value >= 0 && value < 2_147_483_648 else { return .fail }
            number = Int(value)
        }
        guard number < 2_147_483_648 else { return .fail }

        if wantDate { return takeDateNumber(number, length: length) }
        return takeTimeNumber(number, length: length)
    }

    /// A value with a fraction is only allowed as the seconds, and ends the parse.
    private mutating func takeFraction(_ value: Double) -> Step {
        guard wantSecond else { return .fail }
        second = value
        return .stop
    }

    private mutating func takeMonthName(_ start: Int, _ stop: Int) -> Step {
        let length = stop - start
        guard length >= 3 && wantDate else { return .fail }
        guard let found = Self.monthNamed(text, start, stop) else { return .fail }
        month = found
        wantMonth = false
        if hold != 0 {
            guard mday == 0 else { return .fail }
            mday = hold
            hold = 0
            wantDay = false
        }
        return .next
    }

    private static let monthNames: [StaticString] = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// The month whose English name starts with the token, ignoring ASCII case.
    private static func monthNamed(_ text: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> Int? {
        let length = stop - start
        for (index, name) in monthNames.enumerated() where length <= name.utf8CodeUnitCount {
            var matches = true
            for offset in 0..<length {
                var byte = text[start + offset]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 0x20 }
                if byte != name.utf8Start[offset] {
                    matches = false
                    break
                }
            }
            if matches { return index + 1 }
        }
        return nil
    }

    private mutating func takeDateNumber(_ number: Int, length: Int) -> Step {
        guard number != 0 else { return .fail }
        if wantYear && length == 4 {
            year = number
            wantYear = false
        } else if number > 31 {
            if wantYear {
                year = number < 1000 ? number + 1900 : number
                wantYear = false
            } else if wantMonth {
                wantMonth = false
                month = 0
                yday = number
                wantDay = false
            } else {
                return .fail
            }
        } else if number > 12 {
            guard wantDay else { return .fail }
            if hold != 0 {
                month = hold
                wantMonth = false
            }
            if length == 3 {
                guard month == 0 else { return .fail }
                yday = number
                mday = 0
                wantMonth = false
            } else {
                mday = number
            }
            wantDay = false
        } else if !wantMonth {
            if month != 0 {
                mday = number
                yday = 0
            } else {
                yday = number
                mday = 0
            }
            wantDay = false
        } else if !wantDay {
            guard yday == 0 else { return .fail }
            month = number
            wantMonth = false
        } else if !wantYear {
            if length == 3 {
                guard month == 0 else { return .fail }
                yday = number
                mday = 0
                wantDay = false
            } else {
                guard yday == 0 else { return .fail }
                month = number
                if hold != 0 {
                    mday = hold
                    wantDay = false
                }
            }
            wantMonth = false
        } else if hold != 0 {
            month = hold
            hold = 0
            wantMonth = false
            mday = number
            wantDay = false
        } else {
            hold = number
        }

        if !(wantYear || wantMonth || wantDay) {
            wantDate = false
            wantHour = true
            wantMinute = true
            wantSecond = true
        }
        return .next
    }

    private mutating func takeTimeNumber(_ number: Int, length: Int) -> Step {
        if wantHour {
            if length == 4 {  // HHMM
                guard number / 100 <= 23 && number % 100 <= 59 else { return .fail }
                hour = number / 100
                minute = number % 100
                wantMinute = false
            } else {
                guard number <= 23 else { return .fail }
                hour = number
            }
            wantHour = false
        } else if wantMinute {
            guard number <= 59 else { return .fail }
            minute = number
            wantMinute = false
        } else if wantSecond {
            guard number <= 61 else { return .fail }
            second = Double(number)
            wantSecond = false
        } else {
            return .fail
        }
        return .next
    }

    /// C's `fmod(value, 1) != 0`: NaN and ±inf count as fractional.
    @inline(__always)
    private static func hasFraction(_ value: Double) -> Bool {
        guard value.isFinite else { return true }
        // From 2^52 on every double is a whole number; below, Int64 truncation is exact.
        return value.magnitude < 0x1p52 && Double(Int64(value)) != value
    }

    /// Step 7: complete and check the date.
    private mutating func finish() -> DasTime? {
        guard month <= 12 else { return nil }
        if month != 0 && mday == 0 { mday = 1 }
        let leap = GregorianCalendar.isLeap(year)
        if month != 0 && mday != 0 && yday == 0 {
            guard mday <= GregorianCalendar.daysInMonth(month, year: year) else { return nil }
            yday = GregorianCalendar.daysBeforeMonth(month, leap: leap) + mday
        } else if yday != 0 && month == 0 && mday == 0 {
            guard yday <= (leap ? 366 : 365) else { return nil }
            (month, mday) = GregorianCalendar.monthAndDay(yday: yday, leap: leap)
        } else {
            return nil
        }
        return DasTime(year: year, month: month, mday: mday, yday: yday,
                       hour: hour, minute: minute, second: second)
    }

    /// The leading number of `text[start..<stop]` as C `strtod` reads it, or `nil` when the
    /// token does not start with a number.
    private func number(_ start: Int, _ stop: Int) -> Double? {
        let token = UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: text[start..<stop]))
        return CNumberParser.parseDouble(token)?.value
    }
}
