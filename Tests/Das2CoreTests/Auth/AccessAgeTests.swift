import Das2Core
import Testing

/// The `AGE:` duration and its lock point (auth.md §3.1, conformance case C131).
struct AccessAgeTests {
    static func time(_ text: String) throws -> DasTime {
        try DasTime(parsing: text)
    }

    @Test("1y6m before 2025-06-15 is 2023-12-15")
    func lockPointOfYearsAndMonths() throws {
        let age = try AccessAge(parsing: "1y6m")
        #expect(age.steps == [.init(count: 1, unit: .years), .init(count: 6, unit: .months)])
        #expect(age.lockPoint(now: try Self.time("2025-06-15T00:00")) == DasTime(year: 2023, month: 12, mday: 15))
    }

    @Test("Each step is normalized before the next: 2024-03-31 minus 1m is 2024-03-02")
    func monthOverflowNormalizesPerStep() throws {
        let lock = try AccessAge(parsing: "1m").lockPoint(now: try Self.time("2024-03-31"))
        #expect(lock == DasTime(year: 2024, month: 3, mday: 2))
        // Order matters: 1m then 1y from 2024-03-31 gives 2023-03-02; 1y then 1m gives 2023-03-03.
        #expect(try AccessAge(parsing: "1m1y").lockPoint(now: try Self.time("2024-03-31"))
            == DasTime(year: 2023, month: 3, mday: 2))
        #expect(try AccessAge(parsing: "1y1m").lockPoint(now: try Self.time("2024-03-31"))
            == DasTime(year: 2023, month: 3, mday: 3))
    }

    @Test(
        "Units y, m (months), d, h in any case",
        arguments: [
            ("18m", DasTime(year: 2023, month: 12, mday: 15)),
            ("18M", DasTime(year: 2023, month: 12, mday: 15)),
            ("2Y", DasTime(year: 2023, month: 6, mday: 15)),
            ("36h", DasTime(year: 2025, month: 6, mday: 13, hour: 12)),
            ("10d", DasTime(year: 2025, month: 6, mday: 5)),
            ("1y1m1d1h", DasTime(year: 2024, month: 5, mday: 13, hour: 23)),
            (" 1y ", DasTime(year: 2024, month: 6, mday: 15)),
            ("1y6", DasTime(year: 2024, month: 6, mday: 15)),
            ("y1m", DasTime(year: 2025, month: 5, mday: 15)),
        ])
    func units(text: String, expected: DasTime) throws {
        let now = try Self.time("2025-06-15T00:00")
        #expect(try AccessAge(parsing: text).lockPoint(now: now) == expected)
    }

    @Test("Invalid ages are configuration errors", arguments: ["18", "", "1y 6m", "1w", "1.5y", "-1y", "1y6m!", "y", "１y"])
    func invalidAges(text: String) {
        #expect(throws: Das2CoreError.self) { try AccessAge(parsing: text) }
    }

    @Test("The error names the value")
    func errorNamesValue() {
        #expect {
            try AccessAge(parsing: "1y 6m")
        } throws: { error in
            (error as? Das2CoreError)?.message.contains("'1y 6m'") == true
                && (error as? Das2CoreError)?.code == .invalidConfiguration
        }
    }

    @Test("Huge counts saturate and the lock point falls before any das2 time")
    func hugeCounts() throws {
        let now = try Self.time("2025-06-15")
        for text in ["99999999999999999999999y", "3000y", "99999999999m", "1000000000d", "99999999999h"] {
            let age = try AccessAge(parsing: text)
            #expect(age.lockPoint(now: now) == nil, "\(text)")
        }
        #expect(try AccessAge(parsing: "1000y").lockPoint(now: now) == DasTime(year: 1025, month: 6, mday: 15))
    }

    @Test("Fractional seconds of now are kept")
    func keepsSeconds() throws {
        let lock = try AccessAge(parsing: "1h").lockPoint(now: DasTime(year: 2025, month: 1, mday: 1, second: 1.5))
        #expect(lock == DasTime(year: 2024, month: 12, mday: 31, hour: 23, second: 1.5))
    }
}
