import Das2Core
import Testing

private func text(_ format: TimeFieldFormat, _ time: DasTime) -> String {
    var bytes: [UInt8] = []
    format.append(time, to: &bytes)
    #expect(bytes.count == format.width - 1)
    return String(decoding: bytes, as: UTF8.self)
}

private func text(_ format: TimeFieldFormat, _ value: Double, _ scale: TimeScale) -> String {
    var bytes: [UInt8] = []
    format.append(value, in: scale, to: &bytes)
    #expect(bytes.count == format.width - 1)
    return String(decoding: bytes, as: UTF8.self)
}

private func padded(_ text: String, width: Int) -> String {
    text + String(repeating: " ", count: width - 1 - text.utf8.count)
}

@Suite("timeN field formats")
struct TimeFieldFormatTests {
    /// stream-das2.md §5.4 writing table: the text for each width before padding.
    static let widths: [(Int, String)] = [
        (5, "2012"), (6, "2012"), (7, "2012"),
        (8, "2012-03"), (9, "2012-03"), (10, "2012-03"),
        (11, "2012-03-04"), (12, "2012-03-04"), (13, "2012-03-04"),
        (14, "2012-03-04T05"), (15, "2012-03-04T05"), (16, "2012-03-04T05"),
        (17, "2012-03-04T05:06"), (18, "2012-03-04T05:06"), (19, "2012-03-04T05:06"),
        (20, "2012-03-04T05:06:08"), (21, "2012-03-04T05:06:08"),
        (22, "2012-03-04T05:06:07.9"),
        (23, "2012-03-04T05:06:07.89"),
        (24, "2012-03-04T05:06:07.891"), (25, "2012-03-04T05:06:07.891"), (26, "2012-03-04T05:06:07.891"),
        (27, "2012-03-04T05:06:07.891234"), (28, "2012-03-04T05:06:07.891234"), (29, "2012-03-04T05:06:07.891234"),
        (30, "2012-03-04T05:06:07.891234398"), (31, "2012-03-04T05:06:07.891234398"),
    ]

    static let sample = DasTime(year: 2012, month: 3, mday: 4, hour: 5, minute: 6, second: 7.891234398)

    @Test("every width 5...31 has das2C's default text", arguments: widths)
    func defaultTextForWidth(_ width: Int, _ expected: String) throws {
        let format = try #require(TimeFieldFormat(width: width))
        #expect(format.width == width)
        #expect(text(format, Self.sample) == padded(expected, width: width))
        // The same instant as a us2000 value prints the same digits at these resolutions.
        let us2000 = TimeScale.us2000.value(from: Self.sample)
        if width < 30 { #expect(text(format, us2000, .us2000) == padded(expected, width: width)) }
    }

    @Test("widths outside 5...31 have no default", arguments: [Int.min, -1, 0, 2, 4, 32, 63, 127])
    func noDefaultOutsideRange(_ width: Int) {
        #expect(TimeFieldFormat(width: width) == nil)
    }

    @Test("das2_ascii -s d gives width 21 + d, or time20 for d = 0", arguments: 0...9)
    func fractionDigits(_ digits: Int) {
        let format = TimeFieldFormat(fractionDigits: digits)
        #expect(format.width == (digits == 0 ? 20 : 21 + digits))
        let time = DasTime(year: 2020, month: 1, mday: 1, minute: 2, second: 5.123456789)
        let seconds = ["05", "05.1", "05.12", "05.123", "05.1235", "05.12346", "05.123457", "05.1234568",
                       "05.12345679", "05.123456789"][digits]
        #expect(text(format, time) == "2020-01-01T00:02:" + seconds)
    }

    @Test("fraction digits clamp to 0...9 and equal the width formats")
    func fractionDigitsClampAndEquality() {
        #expect(TimeFieldFormat(fractionDigits: -3) == TimeFieldFormat(fractionDigits: 0))
        #expect(TimeFieldFormat(fractionDigits: 12) == TimeFieldFormat(fractionDigits: 9))
        #expect(TimeFieldFormat(fractionDigits: 0) == TimeFieldFormat(width: 20))
        #expect(TimeFieldFormat(fractionDigits: 1) == TimeFieldFormat(width: 22))
        #expect(TimeFieldFormat(fractionDigits: 2) == TimeFieldFormat(width: 23))
        #expect(TimeFieldFormat(fractionDigits: 3) == TimeFieldFormat(width: 24))
        #expect(TimeFieldFormat(fractionDigits: 6) == TimeFieldFormat(width: 27))
        #expect(TimeFieldFormat(fractionDigits: 9) == TimeFieldFormat(width: 30))
        #expect(TimeFieldFormat(fractionDigits: 4).width == 25)
        #expect(TimeFieldFormat(fractionDigits: 4) != TimeFieldFormat(width: 25))
        #expect(TimeFieldFormat(width: 24) != TimeFieldFormat(width: 25))
    }

    /// tools.md §10 rows 1 and 2, and the rounding examples of time.md §6.4.
    static let carries: [(TimeFieldFormat, DasTime, String)] = [
        (TimeFieldFormat(width: 24)!, DasTime(year: 2020, month: 1, mday: 1, second: 59.9996), "2020-01-01T00:01:00.000"),
        (TimeFieldFormat(width: 24)!, DasTime(year: 2019, month: 12, mday: 31, hour: 23, minute: 59, second: 59.9996),
         "2020-01-01T00:00:00.000"),
        (TimeFieldFormat(fractionDigits: 4), DasTime(year: 2020, month: 2, mday: 28, hour: 23, minute: 59, second: 59.99999),
         "2020-02-29T00:00:00.0000"),
        (TimeFieldFormat(fractionDigits: 0), DasTime(year: 2020, month: 2, mday: 29, hour: 23, minute: 59, second: 59.5),
         "2020-03-01T00:00:00"),
        (TimeFieldFormat(fractionDigits: 0), DasTime(year: 2020, month: 1, mday: 1, minute: 2, second: 5), "2020-01-01T00:02:05"),
        (TimeFieldFormat(fractionDigits: 0), DasTime(year: 2019, month: 2, mday: 28, hour: 23, minute: 59, second: 59.5),
         "2019-03-01T00:00:00"),
        (TimeFieldFormat(width: 20)!, DasTime(year: 2012, month: 3, mday: 4, hour: 5, minute: 6, second: 7.891), "2012-03-04T05:06:08"),
        (TimeFieldFormat(width: 30)!, DasTime(year: 2012, month: 12, mday: 31, hour: 23, minute: 59, second: 59.9999999996),
         "2013-01-01T00:00:00.000000000"),
        (TimeFieldFormat(width: 22)!, DasTime(year: 2012, month: 6, mday: 30, hour: 23, minute: 59, second: 59.96),
         "2012-07-01T00:00:00.0"),
        (TimeFieldFormat(width: 24)!, DasTime(year: 2012, month: 6, mday: 30, hour: 23, minute: 59, second: 59.9994),
         "2012-06-30T23:59:59.999"),
    ]

    @Test("seconds that print as 60 carry into the minute", arguments: carries)
    func secondsCarry(_ format: TimeFieldFormat, _ time: DasTime, _ expected: String) {
        #expect(text(format, time) == padded(expected, width: format.width))
        // The same instant given as an epoch value prints the same text.
        for scale in [TimeScale.us2000, .t2000, .t1970, .mj1958] where format.width < 30 || scale == .us2000 {
            #expect(text(format, scale.value(from: time), scale) == padded(expected, width: format.width), "\(scale)")
        }
    }

    @Test("t2000 59.9996 and −0.0005 carry instead of printing :60 (time.md §6.4)")
    func t2000Carry() {
        let format = TimeFieldFormat(width: 24)!
        #expect(text(format, 59.9996, .t2000) == "2000-01-01T00:01:00.000")
        #expect(text(format, -0.0005, .t2000) == "2000-01-01T00:00:00.000")
        #expect(text(format, -0.0006, .t2000) == "1999-12-31T23:59:59.999")
    }

    @Test("%02.0f rounds exact halves to even, as printf does")
    func printfRounding() {
        let format = TimeFieldFormat(width: 20)!
        let base = DasTime(year: 2020, month: 1, mday: 1)
        func seconds(_ s: Double) -> String {
            var time = base
            time.second = s
            return String(text(format, time).suffix(2))
        }
        #expect(seconds(0.5) == "00")
        #expect(seconds(1.5) == "02")
        #expect(seconds(2.5) == "02")
        #expect(seconds(58.5) == "58")
    }

    @Test("epoch values split exactly as das2C does")
    func epochDigits() {
        let ns = TimeFieldFormat(width: 30)!
        let posix = -0.5 * 1e-6 + 946_684_800.0
        let second = 59 + (posix - 946_684_799)
        var expected = DasTime(year: 1999, month: 12, mday: 31, hour: 23, minute: 59, second: second)
        #expect(text(ns, -0.5, .us2000) == text(ns, expected))
        #expect(text(ns, -0.5, .us2000) == "1999-12-31T23:59:59.999999523")
        expected = DasTime(year: 1999, month: 12, mday: 31, hour: 23, minute: 59, second: 58.5)
        #expect(text(ns, -1.5, .t2000) == text(ns, expected))
        #expect(text(ns, 0.5, .mj1958) == "1958-01-01T12:00:00.000000000")
        #expect(text(TimeFieldFormat(width: 24)!, 394_372_867_184_000_000, .tt2000) == "2012-07-01T00:00:00.000")
        #expect(text(TimeFieldFormat(width: 24)!, 1_341_100_800.5, .t1970) == "2012-07-01T00:00:00.500")
        #expect(text(TimeFieldFormat(width: 24)!, 1.3411008005e18, .ns1970) == "2012-07-01T00:00:00.500")
        #expect(text(TimeFieldFormat(width: 24)!, 51544.5, .mjd) == "2000-01-01T12:00:00.000")
        #expect(text(TimeFieldFormat(width: 24)!, 0, .us1980) == "1980-01-01T00:00:00.000")
    }

    @Test("the fill value prints as 0001-01-01T00:00:00.000…, cut to the width", arguments: 5...31)
    func fillText(_ width: Int) throws {
        let format = try #require(TimeFieldFormat(width: width))
        let full = "0001-01-01T00:00:00.000000000"
        let expectedLength: Int = switch width {
        case 5...7: 4
        case 8...10: 7
        case 11...13: 10
        case 14...16: 13
        case 17...19: 16
        case 20, 21: 19
        case 22: 21
        case 23: 22
        case 24...26: 23
        case 27...29: 26
        default: 29
        }
        let expected = padded(String(full.prefix(expectedLength)), width: width)
        for scale in TimeScale.allCases {
            #expect(text(format, -1e31, scale) == expected, "\(scale)")
        }
        #expect(text(format, DasTime(year: 1, month: 1, mday: 1)) == expected)
    }

    @Test("values without a printable time become the fill text")
    func unprintableValues() {
        let format = TimeFieldFormat(width: 24)!
        for value in [Double.nan, .infinity, -.infinity, 1e300, -1e300] {
            #expect(text(format, value, .us2000) == "0001-01-01T00:00:00.000", "\(value)")
        }
        // A carry out of year 9999 has no 4-digit year either.
        #expect(text(format, DasTime(year: 9999, month: 12, mday: 31, hour: 23, minute: 59, second: 59.9999))
            == "0001-01-01T00:00:00.000")
        #expect(text(format, DasTime(year: 9999, month: 12, mday: 31, hour: 23, minute: 59, second: 59.9))
            == "9999-12-31T23:59:59.900")
        #expect(text(format, DasTime(year: 2012, month: 1, mday: 1, second: .nan)) == "0001-01-01T00:00:00.000")
        #expect(text(TimeFieldFormat(width: 17)!, DasTime(year: 2012, month: 1, mday: 1, second: .nan)) == "2012-01-01T00:00")
        #expect(text(format, DasTime(year: -5, month: 1, mday: 1)) == "-005-01-01T00:00:00.000")
    }

    @Test("fields out of range are normalised before printing")
    func normalisesFirst() {
        let format = TimeFieldFormat(width: 24)!
        #expect(text(format, DasTime(year: 2012, month: 1, mday: 1, hour: 12, second: 75.5)) == "2012-01-01T12:01:15.500")
        #expect(text(format, DasTime(year: 2012, month: 1, mday: 1, hour: 23, minute: 59, second: 60)) == "2012-01-02T00:00:00.000")
        #expect(text(format, DasTime(year: 2012, month: 1, mday: 32)) == "2012-02-01T00:00:00.000")
        // In-range years below 100 print as they are.
        #expect(text(format, DasTime(year: 50, month: 1, mday: 1)) == "0050-01-01T00:00:00.000")
    }

    @Test("append adds to what the buffer holds")
    func appendsAfterExistingBytes() {
        var bytes = Array("x=".utf8)
        TimeFieldFormat(width: 26)!.append(0, in: .us2000, to: &bytes)
        bytes.append(0x0A)
        #expect(String(decoding: bytes, as: UTF8.self) == "x=2000-01-01T00:00:00.000  \n")
    }

    @Test("formatted text parses back to the same instant", arguments: [20, 22, 23, 24, 27, 30])
    func roundTripsThroughParser(_ width: Int) throws {
        let format = try #require(TimeFieldFormat(width: width))
        let resolution: Double = switch width {
        case 20: 1e6
        case 22: 1e5
        case 23: 1e4
        case 24: 1e3
        default: 1
        }
        var generator = TimeTestGenerator(seed: UInt64(width))
        for _ in 0..<2000 {
            let us2000 = Double.random(in: -3e15...3e15, using: &generator).rounded()
            var bytes: [UInt8] = []
            format.append(us2000, in: .us2000, to: &bytes)
            bytes.append(0x20)
            let parsed = try #require(bytes.withUnsafeBytes { DasTime.parse($0, defaultYear: 2026) })
            #expect(abs(TimeScale.us2000.value(from: parsed) - us2000) <= resolution / 2 + 1, "\(us2000)")
        }
    }
}
