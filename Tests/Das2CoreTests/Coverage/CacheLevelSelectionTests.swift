import Das2Core
import Testing

/// Choosing the cache level of a request (cache-and-queue.md §3.1, §3.2, §3.4; C128).
struct CacheLevelSelectionTests {
    static func levels(_ lines: [String]) throws -> [CacheLevel] {
        try DSDF(parsing: Array(lines.joined(separator: "\n").utf8), name: "Examples/Cache").cacheLevels().levels
    }

    static let five = [
        "cacheLevel_00 = 'intrinsic | hourly'", "cacheLevel_01 = '10 ms | persecond'",
        "cacheLevel_02 = '50 ms | perminute'", "cacheLevel_03 = '1 s | daily'", "cacheLevel_04 = '60 s | monthly'",
    ]

    @Test(arguments: [
        (nil, "intrinsic"), (0.005, "intrinsic"), (0.03, "bin-10ms"), (0.5, "bin-50ms"), (30, "bin-1s"),
        (3600, "bin-60s"), (0, "intrinsic"), (-5, "intrinsic"), (0.01, "bin-10ms"), (60, "bin-60s"),
    ] as [(Double?, String)])
    func largestResolutionNotAboveTheRequest(resolution: Double?, directory: String) throws {
        let level = try Self.levels(Self.five).level(forResolution: resolution, normalizedParameters: "_noparam")
        #expect(level?.resolutionDirectory == directory)
    }

    @Test(arguments: [nil, 0, 0.1] as [Double?])
    func withoutIntrinsicASmallResolutionIsNotCacheable(resolution: Double?) throws {
        let levels = try Self.levels(["cacheLevel_00 = '250 ms | hourly'", "cacheLevel_01 = '1 s | daily'"])
        #expect(levels.level(forResolution: resolution, normalizedParameters: "_noparam") == nil)
        #expect(levels.level(forResolution: 0.25, normalizedParameters: "_noparam")?.number == 0)
    }

    @Test func parametersMustMatchAfterNormalization() throws {
        let levels = try Self.levels(["cacheLevel_00 = '10 s | daily | -r no-spikes'"])
        #expect(levels.level(forResolution: 5, normalizedParameters: ReaderParameters("-r no-spikes").normalized) == nil)
        let chosen = levels.level(forResolution: 20, normalizedParameters: ReaderParameters("no-spikes -r").normalized)
        #expect(chosen?.number == 0)
        #expect(chosen?.normalizedParameters == "_r_no_spikes")
        #expect(levels.level(forResolution: 20, normalizedParameters: "_noparam") == nil)
    }

    @Test func equalResolutionsPreferTheHigherLevelNumber() throws {
        let levels = try Self.levels(["cacheLevel_07 = '1 s | daily'", "cacheLevel_03 = '1000 ms | hourly'"])
        #expect(levels.level(forResolution: 2, normalizedParameters: "_noparam")?.number == 7)
        #expect(levels.reversed().level(forResolution: 2, normalizedParameters: "_noparam")?.number == 7)
    }

    @Test func spectraExampleOfTheCoverageCheck() throws {
        let levels = try Self.levels(["cacheLevel_00 = '250 ms | hourly'", "cacheLevel_10 = '1 s | daily'"])
        let coarse = try #require(levels.level(forResolution: 60, normalizedParameters: "_noparam"))
        #expect(coarse.number == 10)
        let begin = try DasTime(parsing: "1979-03-01T12:27")
        let end = try DasTime(parsing: "1979-03-01T12:28")
        #expect(CoverageBlock.blocks(from: begin, to: end, scheme: coarse.block).map(\.startText) == ["1979-03-01"])
        let fine = try #require(levels.level(forResolution: 0.5, normalizedParameters: "_noparam"))
        #expect(fine.number == 0)
        let block = CoverageBlock.blocks(from: begin, to: end, scheme: fine.block).first
        #expect((block.startText, block.endText) == ("1979-03-01T12:00", "1979-03-01T13:00"))
    }

    @Test(arguments: [
        (60.0, 60.0 as Double?), (60.005, 60), (59.995, 60), (60.01, nil), (0.25, 0.25), (0.250_02, 0.25), (0, 0),
        (1e-9, nil),
    ] as [(Double, Double?)])
    func exactResolutionAllowsARelativeDifferenceOf1eMinus4(resolution: Double, expected: Double?) throws {
        let levels = try Self.levels([
            "cacheLevel_00 = 'intrinsic | hourly'", "cacheLevel_01 = '250 ms | hourly'", "cacheLevel_02 = '60 s | daily'",
        ])
        #expect(levels.level(exactResolution: resolution, normalizedParameters: "_noparam")?.resolutionSeconds == expected)
        #expect(levels.level(exactResolution: resolution, normalizedParameters: "B") == nil)
    }

    @Test func exactResolutionZeroNeedsAnIntrinsicLevel() throws {
        let levels = try Self.levels(["cacheLevel_01 = '1 ms | hourly'"])
        #expect(levels.level(exactResolution: 0, normalizedParameters: "_noparam") == nil)
        #expect(levels.level(exactResolution: 0.001, normalizedParameters: "_noparam")?.number == 1)
    }
}
