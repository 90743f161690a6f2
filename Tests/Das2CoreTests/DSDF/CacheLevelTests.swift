import Testing
import Das2Core

/// `cacheLevel` parsing (dsdf.md §4.7, C128) and the block scheme names (cache-and-queue.md §2).
struct CacheLevelTests {
    static func levels(_ lines: [String]) throws(Das2CoreError) -> (levels: [CacheLevel], warnings: [String]) {
        try DSDF(parsing: Array(lines.joined(separator: "\n").utf8), name: "Examples/Cache").cacheLevels()
    }

    @Test(arguments: [
        ("intrinsic | hourly", 0.0, "intrinsic", CoverageBlockScheme.hourly, nil, "_noparam"),
        ("1 s | daily", 1, "bin-1s", .daily, nil, "_noparam"),
        ("250 ms | hourly", 0.25, "bin-250ms", .hourly, nil, "_noparam"),
        ("60 sec | daily | -r no-spikes", 60, "bin-60s", .daily, "-r no-spikes", "_r_no_spikes"),
        ("10 ms | persecond | high", 0.01, "bin-10ms", .persecond, "high", "high"),
    ] as [(String, Double, String, CoverageBlockScheme, String?, String)])
    func specificationTable(
        value: String, seconds: Double, directory: String, block: CoverageBlockScheme, parameters: String?,
        normalized: String
    ) throws {
        let result = try Self.levels(["cacheLevel_03 = '\(value)'"])
        #expect(result.warnings.isEmpty)
        #expect(result.levels == [CacheLevel(
            number: 3, key: "cacheLevel_03", resolutionSeconds: seconds, resolutionDirectory: directory, block: block,
            parameters: parameters, normalizedParameters: normalized)])
    }

    @Test(arguments: [
        ("s", 5.0, "bin-5s"), ("SEC", 5, "bin-5s"), ("Second", 5, "bin-5s"), ("seconds", 5, "bin-5s"),
        ("ms", 0.005, "bin-5ms"), ("millisec", 0.005, "bin-5ms"), ("MilliSecond", 0.005, "bin-5ms"),
        ("milliseconds", 0.005, "bin-5ms"),
    ])
    func unitSpellingsAreCaseInsensitive(unit: String, seconds: Double, directory: String) throws {
        let level = try #require(Self.levels(["cacheLevel_1 = '5 \(unit) | daily'"]).levels.first)
        #expect(level.resolutionSeconds == seconds)
        #expect(level.resolutionDirectory == directory)
    }

    @Test func levelsAreOrderedByNumberWithBareKeyAsZero() throws {
        let result = try Self.levels([
            "cacheLevel_10 = '1 s | daily'", "cacheLevel = 'intrinsic | hourly'", "cacheLevel_2 = '250 ms | hourly'",
            "cacheLevel_007 = '60 s | monthly'", "cacheLevelX = 'not a level'",
        ])
        #expect(result.levels.map(\.number) == [0, 2, 7, 10])
        #expect(result.levels.map(\.key) == ["cacheLevel", "cacheLevel_2", "cacheLevel_007", "cacheLevel_10"])
    }

    @Test func laterKeyOfTheSameNumberReplacesWithAWarning() throws {
        let result = try Self.levels(["cacheLevel_1 = '1 s | daily'", "cacheLevel_01 = '5 s | daily'"])
        #expect(result.levels.map(\.key) == ["cacheLevel_1"])
        #expect(result.warnings == ["Cache level cacheLevel_01 is replaced by cacheLevel_1 (both are level 1)"])
    }

    @Test(arguments: [
        ("10 min | daily", "unknown resolution unit 'min' (use s or ms)"),
        ("1 hour | daily", "unknown resolution unit 'hour' (use s or ms)"),
        ("1 s | weekly", "unknown block scheme 'weekly'"), ("1 s | Daily", "unknown block scheme 'Daily'"),
    ])
    func unknownUnitOrBlockIgnoresTheLevel(value: String, reason: String) throws {
        let result = try Self.levels(["cacheLevel_04 = '\(value)'", "cacheLevel_05 = '1 s | daily'"])
        #expect(result.levels.map(\.number) == [5])
        #expect(result.warnings == ["Cache level cacheLevel_04 of Examples/Cache ignored: \(reason)"])
    }

    @Test(arguments: [
        ("cacheLevel_1_a", "1 s | daily", "Invalid Keyword: cacheLevel_1_a"),
        ("cacheLevel_x", "1 s | daily", "Invalid Keyword: cacheLevel_x"),
        ("cacheLevel_", "1 s | daily", "Invalid Keyword: cacheLevel_"),
        ("cacheLevel_-1", "1 s | daily", "Invalid Keyword: cacheLevel_-1"),
        ("cacheLevel_1", "1 s", "Missing information in DSDF keyword cacheLevel_1"),
        ("cacheLevel_1", "1 s | daily | p | q", "Extra information in DSDF keyword cacheLevel_1"),
        ("cacheLevel_1", "1s | daily", "Poorly formed datum, '1s', in value for DSDF keyword cacheLevel_1"),
        ("cacheLevel_1", "1 2 s | daily", "Poorly formed datum, '1 2 s', in value for DSDF keyword cacheLevel_1"),
        ("cacheLevel_1", "Intrinsic | daily", "Poorly formed datum, 'Intrinsic', in value for DSDF keyword cacheLevel_1"),
        ("cacheLevel_1", "0.5 s | daily", "Resolution '0.5' in DSDF keyword cacheLevel_1 is not a positive integer"),
        ("cacheLevel_1", "0 s | daily", "Resolution '0' in DSDF keyword cacheLevel_1 is not a positive integer"),
        ("cacheLevel_1", "-5 ms | daily", "Resolution '-5' in DSDF keyword cacheLevel_1 is not a positive integer"),
    ])
    func malformedLevelsAreErrors(key: String, value: String, message: String) {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Misconfigured Data Source Examples/Cache: \(message)")) {
            try Self.levels(["\(key) = '\(value)'"])
        }
    }

    @Test func emptyParameterFieldMeansNoParameters() throws {
        let level = try #require(Self.levels(["cacheLevel_00 = 'intrinsic | daily |   '"]).levels.first)
        #expect(level.parameters == nil)
        #expect(level.normalizedParameters == "_noparam")
    }

    @Test func spectraFixtureLevels() throws {
        let result = try Self.levels(["cacheLevel_00 = '250 ms | hourly'", "cacheLevel_10 = '1 s | daily'"])
        #expect(result.levels.map(\.resolutionSeconds) == [0.25, 1])
        #expect(result.levels.map(\.block) == [.hourly, .daily])
    }

    @Test func blockSchemeNamesAreTheSpecifiedSix() {
        #expect(CoverageBlockScheme.allCases.map(\.rawValue) == ["persecond", "perminute", "hourly", "daily", "monthly", "yearly"])
        #expect(CoverageBlockScheme(rawValue: "weekly") == nil)
    }
}
