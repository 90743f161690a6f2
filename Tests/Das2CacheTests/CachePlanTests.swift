import Das2Core
import Testing

@testable import Das2Cache

/// Answering a request from the cache (cache-and-queue.md §3; conformance cases C87–C89).
@Suite("Cache plans")
struct CachePlanTests {
    static let spectra = """
        description = 'Voyager 1 PWS spectra (Sample Dataset)'
        reader = 'probe_rdr --spec'
        das2Stream = 1
        validRange = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC'
        cacheLevel_00 = '250 ms | hourly'
        cacheLevel_10 = '1 s | daily'
        """

    static func source(_ text: String = spectra, name: String = "Examples/Spectra") throws -> DSDF {
        try DSDF(parsing: Array(text.utf8), name: name)
    }

    static func plan(
        _ dsdf: DSDF, _ root: String, parameters: String? = nil, resolution: Double?,
        _ begin: String = "1979-03-01T12:27", _ end: String = "1979-03-01T12:28"
    ) throws -> CachePlan {
        try CachePlan(
            source: dsdf, layout: CacheLayout(root: root), parameters: parameters, resolution: resolution,
            begin: try DasTime(parsing: begin), end: try DasTime(parsing: end))
    }

    @Test func c87AnExistingEmptyBlockIsAHit() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        try cache.write("data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s", [])
        let plan = try Self.plan(try Self.source(), cache.path, resolution: 60)
        #expect(plan.decision == .hit)
        #expect(plan.level?.number == 10)
        #expect(plan.format == .das2)
    }

    @Test func c88AMissingFinerBlockIsQueuedForItsLevel() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        try cache.write("data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s", [])
        let plan = try Self.plan(try Self.source(), cache.path, resolution: 0.5)
        #expect(plan.level?.number == 0)
        #expect(plan.decision == .miss([
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T12:00", end: "1979-03-01T13:00", level: "0")
        ]))
    }

    @Test func missesListOnlyTheMissingBlocksInTimeOrder() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        try cache.write("data/Examples/Spectra/_noparam/bin-250ms/1979/03/01/1979-03-01T12_bin-250ms.d2s", [1])
        let plan = try Self.plan(try Self.source(), cache.path, resolution: 0.3, "1979-03-01T10:30", "1979-03-01T13:00:00.5")
        #expect(plan.decision == .miss([
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T10:00", end: "1979-03-01T11:00", level: "0"),
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T11:00", end: "1979-03-01T12:00", level: "0"),
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01T13:00", end: "1979-03-01T14:00", level: "0"),
        ]))
    }

    @Test func aDirectoryWhereTheBlockFileBelongsIsNotABlock() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        try cache.makeDirectory("data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s")
        #expect(try Self.plan(try Self.source(), cache.path, resolution: 60).decision == .miss([
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-01", end: "1979-03-02", level: "10")
        ]))
    }

    @Test func c89ParametersWithoutALevelAreNotCacheable() throws {
        let plan = try Self.plan(try Self.source(), "/nonexistent", parameters: "800", resolution: 60)
        #expect(plan.decision == .notCacheable)
        #expect(plan.level == nil)
    }

    @Test(arguments: [nil, 0, 0.1] as [Double?])
    func aResolutionBelowEveryLevelIsNotCacheable(resolution: Double?) throws {
        #expect(try Self.plan(try Self.source(), "/nonexistent", resolution: resolution).decision == .notCacheable)
    }

    @Test func intervalAndDas1SourcesAreNeverCacheable() throws {
        let interval = try Self.source(Self.spectra + "\nrequiresInterval = 1")
        #expect(try Self.plan(interval, "/nonexistent", resolution: 60).decision == .notCacheable)
        let das1 = try Self.source(Self.spectra.replacing("das2Stream = 1", with: "das2Stream = 0"))
        #expect(try Self.plan(das1, "/nonexistent", resolution: 60).decision == .notCacheable)
    }

    @Test func anEmptyRangeIsNotCacheable() throws {
        let plan = try Self.plan(try Self.source(), "/nonexistent", resolution: 60, "1979-03-01T12:28", "1979-03-01T12:28")
        #expect(plan.decision == .notCacheable)
    }

    @Test func aRangeOfMoreBlocksThanTheLimitIsNotCacheable() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        // Fifty years of hourly blocks: 438 000, above the limit; 1979–1981: 26 304, below.
        let decades = try Self.plan(try Self.source(), cache.path, resolution: 0.5, "1970-01-01", "2020-01-01")
        #expect(decades.decision == .notCacheable)
        let years = try Self.plan(try Self.source(), cache.path, resolution: 0.5, "1979-01-01", "1982-01-01")
        guard case .miss(let tasks) = years.decision else {
            Issue.record("expected a miss, got \(years.decision)")
            return
        }
        #expect(tasks.count == 26_304)
    }

    @Test func parametersAreNormalizedBeforeMatching() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let dsdf = try Self.source(Self.spectra + "\ncacheLevel_20 = '10 s | daily | -r no-spikes'")
        try cache.write("data/Examples/Spectra/_r_no_spikes/bin-10s/1979/03/1979-03-01_bin-10s.d2s", [])
        #expect(try Self.plan(dsdf, cache.path, parameters: "no-spikes   -r", resolution: 20).decision == .hit)
        #expect(try Self.plan(dsdf, cache.path, parameters: "-r no-spikes", resolution: 5).decision == .notCacheable)
    }

    @Test func aCallerChosenLevelIsCheckedTheSameWay() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let dsdf = try Self.source()
        let level = try #require(dsdf.cacheLevels().levels.level(exactResolution: 1, normalizedParameters: "_noparam"))
        let begin = try DasTime(parsing: "1979-03-01")
        let end = try DasTime(parsing: "1979-03-03")
        let layout = CacheLayout(root: cache.path)
        try cache.write("data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s", [])
        #expect(CachePlan(source: dsdf, layout: layout, level: level, begin: begin, end: end).decision == .miss([
            CacheTask(dataset: "Examples/Spectra", begin: "1979-03-02", end: "1979-03-03", level: "10")
        ]))
        #expect(CachePlan(source: dsdf, layout: layout, level: nil, begin: begin, end: end).decision == .notCacheable)
    }

    @Test func aMalformedCacheLevelIsAnError() throws {
        let dsdf = try Self.source(Self.spectra + "\ncacheLevel_1_a = '1 s | daily'")
        #expect(throws: Das2CoreError.self) { try Self.plan(dsdf, "/nonexistent", resolution: 60) }
    }
}
