import Das2Core
import Testing

/// The year the parser falls back to in these tests (time.md §2.2 was run in 2026).
private let testYear = 2026

private func parse(_ text: String, defaultYear: Int = testYear) -> DasTime? {
    try? DasTime(parsing: text, defaultYear: defaultYear)
}

@Suite("das2 time parser")
struct DasTimeParsingTests {
    /// One parser example: the text and the fields das2C returns for it.
    struct ParseCase: Sendable, CustomTestStringConvertible {
        var text: String
        var year: Int, month: Int, mday: Int, yday: Int
        var hour = 0, minute = 0
        var second = 0.0

        var testDescription: String { "'\(text)'" }

        var expected: DasTime {
            var time = DasTime(year: year, month: month, mday: mday, hour: hour, minute: minute, second: second)
            time.yday = yday
            return time
        }
    }

    /// time.md §2.2, every row.
    static let accepted: [ParseCase] = [
        ParseCase(text: "2012-01-01T12:56:22.792", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 56, second: 22.792),
        ParseCase(text: "2012-01-01T12:56:22.792Z", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 56, second: 22.792),
        ParseCase(text: "2012-01-01 12:56:22.792", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 56, second: 22.792),
        ParseCase(text: "2012-01-01T12:56", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 56),
        ParseCase(text: "2012-01-01T12", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012-01-01T", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-01-01", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-001", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-001T12:00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012-001 12:00:00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012-366", year: 2012, month: 12, mday: 31, yday: 366),
        ParseCase(text: "2012-060", year: 2012, month: 2, mday: 29, yday: 60),
        ParseCase(text: "2000-060", year: 2000, month: 2, mday: 29, yday: 60),
        ParseCase(text: "1900-060", year: 1900, month: 3, mday: 1, yday: 60),
        ParseCase(text: "2012-32", year: 2012, month: 2, mday: 1, yday: 32),
        ParseCase(text: "2012-01", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-Jan", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "Jan 2012", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-05T12:00", year: 2012, month: 5, mday: 1, yday: 122, hour: 12),
        ParseCase(text: "2012/01/05", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "01/05/2012", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "1/5/2012", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-1-5", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "13/01/2012", year: 2012, month: 1, mday: 13, yday: 13),
        ParseCase(text: "2 13 2012", year: 2012, month: 2, mday: 13, yday: 44),
        ParseCase(text: "2012 13 2", year: 2012, month: 2, mday: 13, yday: 44),
        ParseCase(text: "Jan 5 2012", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "5 Jan 2012", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012 jan 05", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-jan-05", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-Janu-05", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-Sept-05", year: 2012, month: 9, mday: 5, yday: 249),
        ParseCase(text: "Feb 21 1960", year: 1960, month: 2, mday: 21, yday: 52),
        ParseCase(text: "21 Feb 1960 12:34:56", year: 1960, month: 2, mday: 21, yday: 52, hour: 12, minute: 34, second: 56),
        ParseCase(text: "Jan 5", year: testYear, month: 1, mday: 5, yday: 5),
        ParseCase(text: "5 Jan", year: testYear, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-01-01T1230", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 30),
        ParseCase(text: "2012-01-01T12:30:15.25", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 30, second: 15.25),
        ParseCase(text: "2012-01-01T12:30:15,25", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, minute: 30, second: 15.25),
        ParseCase(text: "2012 001 12 00 00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012_001_12_00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012;001;12;00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "1999-001 (001) 12:00", year: 1999, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012-01-01 (001) 12:00:00", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "79-03-01", year: 1979, month: 3, mday: 1, yday: 60),
        ParseCase(text: "99-12-31", year: 1999, month: 12, mday: 31, yday: 365),
        ParseCase(text: "50-01-01", year: 1950, month: 1, mday: 1, yday: 1),
        ParseCase(text: "0001-01-01", year: 1, month: 1, mday: 1, yday: 1),
        ParseCase(text: "0050-01-01", year: 50, month: 1, mday: 1, yday: 1),
        ParseCase(text: "0099-12-31", year: 99, month: 12, mday: 31, yday: 365),
        ParseCase(text: "2012-01-01T23:59:60", year: 2012, month: 1, mday: 1, yday: 1, hour: 23, minute: 59, second: 60),
        ParseCase(text: "2012-01-01T23:59:61", year: 2012, month: 1, mday: 1, yday: 1, hour: 23, minute: 59, second: 61),
        ParseCase(text: "2012-01-01T12:00:75.5", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, second: 75.5),
        ParseCase(text: "2012-01-01T12:00:00.123456789", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, second: 0.123456789),
        ParseCase(text: "1999-12-31T23:59:59.5 UT", year: 1999, month: 12, mday: 31, yday: 365, hour: 23, minute: 59, second: 59.5),
        ParseCase(text: "2012-01-01T12:00:00.5 extra", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, second: 0.5),
        ParseCase(text: "2012-01-01t12:00:00", year: 2012, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-01-01T+5:00", year: 2012, month: 1, mday: 1, yday: 1, hour: 5),
        ParseCase(text: "2012-01-01T-5:00", year: 2012, month: 1, mday: 1, yday: 1, hour: 5),
        ParseCase(text: "2012-01-01T0x10:00", year: 2012, month: 1, mday: 1, yday: 1, minute: 16),
        ParseCase(text: "2012-01-01T12h", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        // §2.6 and §2.7 rows that §2.2 does not list.
        ParseCase(text: "123-01-01", year: 2023, month: 1, mday: 1, yday: 1),
        ParseCase(text: "12345-01-01", year: 12345, month: 1, mday: 1, yday: 1),
        ParseCase(text: "2012-13-01", year: 2012, month: 1, mday: 13, yday: 13),
        ParseCase(text: "12-01-05", year: testYear, month: 12, mday: 5, yday: 339),
        // "12" is held; "30" > 12 must be the day, so the held 12 becomes the month.
        ParseCase(text: "12:30", year: testYear, month: 12, mday: 30, yday: 364),
        ParseCase(text: "2012-01-01T12:30.5", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, second: 30.5),
        ParseCase(text: "Jan 5, 2012 12:00:15,25", year: 2012, month: 1, mday: 5, yday: 5, hour: 12, second: 15),
        ParseCase(text: "2012-01-01T12:00:00Zjunk", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
        ParseCase(text: "2012-JANUARY-05", year: 2012, month: 1, mday: 5, yday: 5),
        ParseCase(text: "2012-01-01T12:00:5e1", year: 2012, month: 1, mday: 1, yday: 1, hour: 12, second: 50),
        ParseCase(text: "2012-01-01T12:00:00.000", year: 2012, month: 1, mday: 1, yday: 1, hour: 12),
    ]

    @Test("accepts the forms das2C accepts, with das2C's fields", arguments: accepted)
    func acceptsDas2CForms(_ example: ParseCase) throws {
        let time = try DasTime(parsing: example.text, defaultYear: testYear)
        #expect(time == example.expected)
    }

    /// time.md §2.3, every rejected row.
    static let rejected = [
        "2012", "20120101",
        "2013-366", "2012-02-30", "2000-02-30", "1900-02-29", "2012-01-32",
        "2012-00-01", "0",
        "2012-01-01T24:00:00", "2012-001T25:00", "2012-01-01T12:60", "2012-01-01T1260", "2012-01-01T2400",
        "2012-01-01T23:59:62",
        "2012-01-01T12:00:00.000+00:00",
        "2012-01-01T12:00:00.000 UTC", "2012-01-01 UTC",
        "2012-01-01T12:00:00:00", "2012-01-01T12:00:00 extra",
        "2012-ja-05", "2012-S-05",
        "February 21, 1960",
        "12:00 2012-01-01", "T12:00", "12:00",
        "05.01.2012",
        "032", "32 2012", "00-01-01",
        "2012-W01", "now", "1979-03-01 to 1979-04-14",
        // Not in the table: nothing to read, or a day given twice.
        "", "   ", "---", "Z2012-01-01", "2012-13-13",
    ]

    @Test("rejects the forms das2C rejects", arguments: rejected)
    func rejectsDas2CForms(_ text: String) {
        #expect(throws: Das2CoreError.self) { try DasTime(parsing: text, defaultYear: testYear) }
    }

    @Test("the error names the bad text")
    func errorNamesText() {
        do {
            _ = try DasTime(parsing: "2012-02-30", defaultYear: testYear)
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .invalidTime)
            #expect(error.message.contains("2012-02-30"))
        }
    }

    // MARK: time.md §2.7 quirks

    @Test("quirk 1: the default year is used when no year token is present")
    func quirkDefaultYear() throws {
        #expect(try DasTime(parsing: "Jan 5", defaultYear: 1999).year == 1999)
        #expect(try DasTime(parsing: "12-01-05", defaultYear: 1999) == DasTime(year: 1999, month: 12, mday: 5))
        #expect(try DasTime(parsing: "2012-01-05", defaultYear: 1999).year == 2012)
    }

    @Test("quirk 2: a month above 12 is forced to be the day")
    func quirkMonthAbove12() throws {
        #expect(try DasTime(parsing: "2012-13-01", defaultYear: testYear) == DasTime(year: 2012, month: 1, mday: 13))
    }

    @Test("quirk 3: a fractional seconds value ends parsing, an integer one does not")
    func quirkFractionStops() {
        #expect(parse("2012-01-01T12:00:00.5 UTC")?.second == 0.5)
        #expect(parse("2012-01-01T12:00:00.000 UTC") == nil)
        #expect(parse("2012-01-01T12:00:00.5 12 13") != nil)
        #expect(parse("2012-01-01T12:00:00 12") == nil)
    }

    @Test("quirk 4: a fractional minute is taken as seconds")
    func quirkFractionalMinute() {
        #expect(parse("2012-01-01T12:30.5") == DasTime(year: 2012, month: 1, mday: 1, hour: 12, minute: 0, second: 30.5))
    }

    @Test("quirk 5: integer seconds 60 and 61 are accepted, fractional seconds are unbounded")
    func quirkSecondsRange() {
        #expect(parse("2012-01-01T23:59:60")?.second == 60)
        #expect(parse("2012-01-01T23:59:61")?.second == 61)
        #expect(parse("2012-01-01T23:59:62") == nil)
        #expect(parse("2012-01-01T23:59:62.5")?.second == 62.5)
        #expect(parse("2012-01-01T23:59:1000.25")?.second == 1000.25)
    }

    @Test("quirk 6: a lower-case t separator mis-parses silently")
    func quirkLowerCaseT() {
        #expect(parse("2012-01-01t12:00:00") == DasTime(year: 2012, month: 1, mday: 1))
        // "01t23" is the day; the next fields shift into hour and minute.
        #expect(parse("2012-01-01t23:05:06") == DasTime(year: 2012, month: 1, mday: 1, hour: 5, minute: 6))
        #expect(parse("2012-01-01t23:59:59") == nil)
    }

    @Test("quirk 7: only the first comma is a decimal point")
    func quirkFirstCommaOnly() {
        #expect(parse("2012-01-01T12:30:15,25")?.second == 15.25)
        #expect(parse("Jan 5, 2012 12:00:15,25") == DasTime(year: 2012, month: 1, mday: 5, hour: 12, second: 15))
    }

    @Test("seconds 60 and 61 mean the next day's 00:00:00 and 00:00:01")
    func leapSecondTextIsNextMinute() throws {
        let scale = TimeScale.us2000
        #expect(try scale.value(from: DasTime(parsing: "2012-01-01T23:59:60", defaultYear: testYear))
            == scale.value(from: DasTime(parsing: "2012-01-02T00:00:00", defaultYear: testYear)))
        #expect(try scale.value(from: DasTime(parsing: "2012-01-01T23:59:61", defaultYear: testYear))
            == scale.value(from: DasTime(parsing: "2012-01-02T00:00:01", defaultYear: testYear)))
        #expect(try DasTime(parsing: "2012-01-01T12:00:75.5", defaultYear: testYear).normalized()
            == DasTime(year: 2012, month: 1, mday: 1, hour: 12, minute: 1, second: 15.5))
    }

    @Test("seconds read exactly as C strtod reads them")
    func secondsMatchStrtod() {
        var generator = TimeTestGenerator(seed: 79)
        for _ in 0..<20_000 {
            var token = String(Int.random(in: 0...59, using: &generator))
            if Bool.random(using: &generator) { token = "0" + token }
            token += "."
            for _ in 0..<Int.random(in: 0...18, using: &generator) {
                token += String(Int.random(in: 0...9, using: &generator))
            }
            let parsed = parse("2012-01-01T12:00:" + token)
            let strtod = Array(token.utf8).withUnsafeBytes { CNumberParser.parseDouble($0) }
            #expect(parsed?.second == strtod?.value, "\(token)")
        }
        #expect(parse("2012-01-01T12:00:.5")?.second == 0.5)
        #expect(parse("2012-01-01T12:00:5.")?.second == 5)
        #expect(parse("2012-01-01T12:00:59.999999999999999999")?.second == 60)
    }

    @Test("YYYY-MM-DDThh:mm:ss texts, in range or not, read as the full heuristic reads them")
    func canonicalFormsMatchHeuristic() {
        var generator = TimeTestGenerator(seed: 2014)
        func two(_ range: ClosedRange<Int>) -> String {
            let value = Int.random(in: range, using: &generator)
            return value < 10 ? "0\(value)" : "\(value)"
        }
        for _ in 0..<20_000 {
            let year = String(Int.random(in: 0...9999, using: &generator))
            var text = String(repeating: "0", count: 4 - year.count) + year + "-" + two(0...19) + "-" + two(0...39)
            let level = Int.random(in: 0...4, using: &generator)
            if level >= 1 { text += (Bool.random(using: &generator) ? "T" : " ") + two(0...29) }
            if level >= 2 { text += ":" + two(0...69) }
            if level >= 3 { text += ":" + two(0...99) }
            if level >= 4 {
                text += "."
                for _ in 0..<Int.random(in: 0...15, using: &generator) {
                    text += String(Int.random(in: 0...9, using: &generator))
                }
            }
            if Int.random(in: 0...9, using: &generator) == 0 { text += "Z" }
            // A leading "(001)" token is skipped by the heuristic and keeps the text off any
            // shortcut for the common form.
            #expect(parse(text) == parse("(001) " + text), "\(text)")
        }
    }

    // MARK: bytes

    private static func parseBytes(_ bytes: [UInt8], defaultYear: Int = testYear) -> DasTime? {
        bytes.withUnsafeBytes { DasTime.parse($0, defaultYear: defaultYear) }
    }

    @Test("reads timeN fields with blanks, a trailing LF or a Z", arguments: [
        "2012-01-01T12:56:22.792 ",
        "2012-01-01T12:56:22.792  ",
        "  2012-01-01T12:56:22.792",
        "2012-01-01T12:56:22.792\n",
        "2012-01-01T12:56:22.792Z ",
        "\t2012-01-01T12:56:22.792\r\n",
    ])
    func readsPaddedFields(_ field: String) {
        #expect(Self.parseBytes(Array(field.utf8))
            == DasTime(year: 2012, month: 1, mday: 1, hour: 12, minute: 56, second: 22.792))
    }

    @Test("strips the padding of a wide field before the 79-byte limit")
    func stripsBeforeLimit() {
        let text = Array("2014-04-08T00:15:00.046".utf8)
        let field = Array(repeating: UInt8(ascii: " "), count: 60) + text + Array(repeating: UInt8(ascii: " "), count: 43) + [0x0A]
        #expect(field.count == 127)
        #expect(Self.parseBytes(field) == DasTime(year: 2014, month: 4, mday: 8, hour: 0, minute: 15, second: 0.046))
    }

    @Test("accepts 79 bytes of text and rejects 80")
    func enforcesLengthLimit() {
        let head = Array("2012-01-01T12:00:00.5 ".utf8)
        let fits = head + Array(repeating: UInt8(ascii: "x"), count: 79 - head.count)
        let tooLong = head + Array(repeating: UInt8(ascii: "x"), count: 80 - head.count)
        #expect(Self.parseBytes(fits)?.second == 0.5)
        #expect(Self.parseBytes(tooLong) == nil)
    }

    @Test("a NUL byte ends the text as in C")
    func nulEndsText() {
        #expect(Self.parseBytes(Array("2012-01-01".utf8) + [0] + Array("T12:00 junk".utf8))
            == DasTime(year: 2012, month: 1, mday: 1))
        #expect(Self.parseBytes([0] + Array("2012-01-01".utf8)) == nil)
    }

    @Test("the byte and string parsers agree", arguments: accepted.map(\.text) + rejected)
    func bytesMatchString(_ text: String) {
        #expect(Self.parseBytes(Array(text.utf8)) == parse(text))
    }

    @Test("the current year is read once and is plausible")
    func currentYearIsStable() throws {
        let year = DasTime.currentYear
        #expect(year >= 2024 && year < 3000)
        #expect(DasTime.currentYear == year)
        #expect(try DasTime(parsing: "Jan 5").year == year)
    }
}
