import Das2Core
import Testing

@testable import Das2Cache

/// Block paths below `CACHE_ROOT` (cache-and-queue.md §1, §2).
struct CacheLayoutTests {
    static func level(_ value: String, number: Int = 1) throws -> CacheLevel {
        try #require(try DSDF(parsing: Array("cacheLevel_\(number) = '\(value)'".utf8), name: "X").cacheLevels().levels.first)
    }

    @Test func pathsFollowTheReferenceLayout() throws {
        let layout = CacheLayout(root: "/srv/das2/cache/")
        let level = try Self.level("1 s | daily")
        let block = CoverageBlock(containing: try DasTime(parsing: "2013-10-31T01:05:57"), scheme: .daily)
        #expect(layout.root == "/srv/das2/cache")
        #expect(layout.datasetDirectory("Juno/Fgm") == "/srv/das2/cache/data/Juno/Fgm")
        #expect(layout.levelDirectory(dataset: "Juno/Fgm", level: level) == "/srv/das2/cache/data/Juno/Fgm/_noparam/bin-1s")
        #expect(layout.blockPath(dataset: "Juno/Fgm", level: level, block: block, format: .das2)
            == "/srv/das2/cache/data/Juno/Fgm/_noparam/bin-1s/2013/10/2013-10-31_bin-1s.d2s")
        #expect(layout.relativeBlockPath(dataset: "Juno/Fgm", level: level, block: block, format: .qstream)
            == "data/Juno/Fgm/_noparam/bin-1s/2013/10/2013-10-31_bin-1s.qds")
    }

    @Test func userGuideExample() throws {
        let layout = CacheLayout(root: "/usr/local/das2srv/cache")
        let level = try Self.level("10 s | daily")
        let block = CoverageBlock(containing: try DasTime(parsing: "1979-03-01T12:00"), scheme: .daily)
        #expect(layout.blockPath(dataset: "Examples/Spectra", level: level, block: block, format: .das2)
            == "/usr/local/das2srv/cache/data/Examples/Spectra/_noparam/bin-10s/1979/03/1979-03-01_bin-10s.d2s")
    }

    @Test func parametersNameTheirDirectoryWithSlashesReplaced() throws {
        let layout = CacheLayout(root: "/c")
        let level = try Self.level("10 ms | persecond | -f a/../b high")
        let block = CoverageBlock(containing: try DasTime(parsing: "2013-10-31T01:05:57.5"), scheme: .persecond)
        #expect(level.normalizedParameters == "_f_a/../b_high")
        #expect(layout.blockPath(dataset: "A/B", level: level, block: block, format: .das2)
            == "/c/data/A/B/_f_a_.._b_high/bin-10ms/2013/10/31/01/05/2013-10-31T01-05-57_bin-10ms.d2s")
        #expect(CacheLayout.parameterDirectory("_noparam") == "_noparam")
    }

    @Test func formatFollowsTheSourceFlags() throws {
        func format(_ text: String) throws -> CacheStreamFormat? {
            CacheStreamFormat(dsdf: try DSDF(parsing: Array(text.utf8), name: "X"))
        }
        #expect(try format("das2Stream = 1") == .das2)
        #expect(try format("qstream = true") == .qstream)
        #expect(try format("das2Stream = 1\nqstream = 1") == .das2)
        #expect(try format("reader = 'das1 reader'") == nil)
        #expect(CacheStreamFormat.qstream.fileExtension == "qds")
    }
}
