import Das2Core
import Testing

/// us2000 of whole POSIX seconds.
private func us2000(posix seconds: Int64) -> Double {
    Double(seconds - 946_684_800) * 1e6
}

@Suite("leap seconds, TT2000 and ET2000")
struct LeapSecondsTests {
    /// ΔAT in force at the instant: from the boundary on, not from just after it (time.md §5).
    static let boundaries: [(DasTime, Int64)] = [
        (DasTime(year: 2012, month: 7, mday: 1), 394_372_867_184_000_000),
        (DasTime(year: 2017, month: 1, mday: 1), 536_500_869_184_000_000),
        (DasTime(year: 2015, month: 7, mday: 1), 488_980_868_184_000_000),
        (DasTime(year: 2009, month: 1, mday: 1), 284_040_066_184_000_000),
        (DasTime(year: 2006, month: 1, mday: 1), 189_345_665_184_000_000),
        (DasTime(year: 1999, month: 1, mday: 1), -31_579_135_816_000_000),
        (DasTime(year: 1972, month: 7, mday: 1), -867_931_156_816_000_000),
        (DasTime(year: 1972, month: 1, mday: 1), -883_655_957_816_000_000),
    ]

    @Test("ΔAT applies from the boundary instant", arguments: boundaries)
    func boundaryInstant(_ time: DasTime, _ expected: Int64) {
        #expect(TimeScale.tt2000.value(from: time) == Double(expected))
        let us = TimeScale.us2000.value(from: time)
        #expect(TimeScale.tt2000.value(fromUS2000: us) == Double(expected))
        #expect(TimeScale.us2000.convert(us, to: .tt2000) == Double(expected))
        // Just before, the previous ΔAT (one less) is in force; 1971-12-31 drifts instead.
        if time.year > 1972 || time.month > 1 {
            #expect(TimeScale.tt2000.value(fromUS2000: us - 1e6) == Double(expected - 2_000_000_000))
            #expect(TimeScale.tt2000.value(fromUS2000: us - 1) == Double(expected - 1_000_001_000))
        }
    }

    @Test("das2C's 'strictly after' value is not produced")
    func noStrictlyAfterQuirk() {
        #expect(TimeScale.us2000.convert(394_416_000_000_000, to: .tt2000) != 394_372_866_184_000_000)
    }

    @Test("every post-1972 step has ΔAT = TT2000 − us2000 − 32.184 s + 43 200 s")
    func everyStep() {
        let steps: [(Int, Int, Int)] = [
            (1972, 1, 10), (1972, 7, 11), (1973, 1, 12), (1974, 1, 13), (1975, 1, 14), (1976, 1, 15), (1977, 1, 16),
            (1978, 1, 17), (1979, 1, 18), (1980, 1, 19), (1981, 7, 20), (1982, 7, 21), (1983, 7, 22), (1985, 7, 23),
            (1988, 1, 24), (1990, 1, 25), (1991, 1, 26), (1992, 7, 27), (1993, 7, 28), (1994, 7, 29), (1996, 1, 30),
            (1997, 7, 31), (1999, 1, 32), (2006, 1, 33), (2009, 1, 34), (2012, 7, 35), (2015, 7, 36), (2017, 1, 37),
        ]
        for (year, month, deltaAT) in steps {
            let us = TimeScale.us2000.value(from: DasTime(year: year, month: month, mday: 1))
            let tt = TimeScale.tt2000.value(fromUS2000: us)
            #expect(tt == us * 1000 + Double(deltaAT) * 1e9 + 32.184e9 - 43_200e9, "\(year)-\(month)")
            if year > 1972 || month > 1 {
                let before = TimeScale.tt2000.value(fromUS2000: us - 1e6)
                #expect(before == (us - 1e6) * 1000 + Double(deltaAT - 1) * 1e9 + 32.184e9 - 43_200e9, "\(year)-\(month)")
            }
            #expect(TimeScale.tt2000.us2000(from: tt) == us)
        }
        // ΔAT stays 37 after the last step.
        let future = TimeScale.us2000.value(from: DasTime(year: 2100, month: 1, mday: 1))
        #expect(TimeScale.tt2000.value(fromUS2000: future) == future * 1000 + 37e9 + 32.184e9 - 43_200e9)
    }

    /// NASA CDF library 3.9 results: (UTC as POSIX seconds, TT2000 ns). The 1960–1971 rows
    /// drift; before 1960 ΔAT is 0.
    @Test("pre-1972 drift rows match the CDF library", arguments: [
        (-459_118_800 as Int64, -1_405_846_767_816_000_000 as Int64),
        (-315_619_200, -1_262_347_166_871_870_000),
        (-283_996_800, -1_230_724_766_392_534_000),
        (-265_680_000, -1_212_407_966_167_782_000),
        (-252_460_800, -1_199_188_765_969_580_400),
        (-194_659_200, -1_141_387_165_118_159_600),
        (-189_388_800, -1_136_116_765_049_558_000),
        (-181_526_400, -1_128_254_364_831_622_000),
        (-168_307_200, -1_115_035_164_533_334_000),
        (-157_766_400, -1_104_494_364_275_222_000),
        (-152_668_800, -1_099_396_764_098_758_000),
        (-142_128_000, -1_088_855_963_840_646_000),
        (-136_771_200, -1_083_499_163_660_294_001),
        (-126_230_400, -1_072_958_363_501_534_000),
        (-60_480_000, -1_007_207_961_629_022_000),
        (0, -946_727_959_814_622_001),
        (63_072_000, -883_655_957_816_000_000),
    ])
    func driftRows(_ posix: Int64, _ expected: Int64) {
        let us = us2000(posix: posix)
        #expect(TimeScale.tt2000.value(fromUS2000: us) == Double(expected))
        #expect(TimeScale.tt2000.value(from: TimeScale.us2000.time(from: us)) == Double(expected))
        // And back, within the spacing of doubles near 1.3e18 ns.
        #expect(abs(TimeScale.tt2000.us2000(from: Double(expected)) - us) < 0.5)
    }

    /// NASA CDF results at nanosecond resolution, (UTC ns since 1970, TT2000), both directions.
    @Test("arbitrary instants 1955–1975 match the CDF library to the microsecond", arguments: [
        (-345_029_610_554_492_515 as Int64, -1_291_757_578_370_492_515 as Int64),
        (-191_044_511_888_092_585, -1_137_772_476_960_200_985),
        (-312_509_326_862_625_058, -1_259_237_293_689_135_058),
        (155_379_212_031_418_704, -791_348_742_784_581_296),
        (10_287_823_642_446_070, -936_440_135_863_727_930),
        (44_517_165_409_618_912, -902_210_793_070_123_088),
        (-152_653_550_226_170_452, -1_099_381_514_324_928_452),
        (-289_310_943_274_259_523, -1_236_038_909_752_145_523),
        (-225_145_736_688_008_912, -1_171_873_702_302_658_112),
        (-35_359_241_045_462_767, -982_087_201_922_804_767),
        (-76_831_648_172_448_749, -1_023_559_610_193_950_749),
        (-168_413_808_102_684_157, -1_115_141_772_738_610_157),
        (56_295_222_053_090_256, -890_432_736_074_139_744),
        (-135_374_059_435_620_111, -1_082_102_023_075_178_111),
        (-251_691_952_775_079_489, -1_198_419_918_735_674_289),
        (59_564_140_704_546_543, -887_163_817_324_187_458),
        (-99_513_061_924_544_209, -1_046_241_024_625_150_209),
    ])
    func arbitraryInstants(_ posixNanoseconds: Int64, _ expected: Int64) {
        let us = Double(posixNanoseconds - 946_684_800_000_000_000) / 1000
        #expect(abs(TimeScale.tt2000.value(fromUS2000: us) - Double(expected)) < 1000)
        #expect(abs(TimeScale.tt2000.us2000(from: Double(expected)) - us) < 1)
    }

    @Test("an inserted leap second lands on the next minute")
    func insertedLeapSecond() {
        let midnight = TimeScale.us2000.value(from: DasTime(year: 2017, month: 1, mday: 1))
        let leapStart = 536_500_868_184_000_000.0  // 2016-12-31T23:59:60 TT2000
        #expect(TimeScale.tt2000.us2000(from: leapStart - 5e8) == midnight - 5e5)   // 23:59:59.5
        #expect(TimeScale.tt2000.us2000(from: leapStart) == midnight)              // 23:59:60.0
        #expect(TimeScale.tt2000.us2000(from: leapStart + 5e8) == midnight + 5e5)  // 23:59:60.5
        #expect(TimeScale.tt2000.us2000(from: leapStart + 1e9) == midnight)        // 00:00:00.0
        let inLeap = TimeScale.tt2000.time(from: leapStart + 5e8)
        #expect(inLeap == DasTime(year: 2017, month: 1, mday: 1, second: 0.5))
    }

    @Test("ET2000 matches SPICE at J2000 noon UTC and round-trips")
    func ephemerisTime() {
        // SPICE str2et("2000-01-01T12:00:00") = 64.18392728473108
        let noon = DasTime(year: 2000, month: 1, mday: 1, hour: 12)
        #expect(abs(TimeScale.et2000.value(from: noon) - 64.18392728473108) < 1e-9)
        // TDB − TT stays within ±1.7 ms.
        var generator = TimeTestGenerator(seed: 2000)
        for _ in 0..<1000 {
            let us = Double.random(in: -3e15...3e15, using: &generator).rounded()
            let et = TimeScale.et2000.value(fromUS2000: us)
            let tt = TimeScale.tt2000.value(fromUS2000: us) / 1e9
            #expect(abs(et - tt) < 1.7e-3)
            #expect(abs(TimeScale.et2000.us2000(from: et) - us) < 1)  // ET seconds near 1e9 are 0.5 µs apart
        }
    }
}
