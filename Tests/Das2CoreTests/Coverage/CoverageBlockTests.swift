import Das2Core
import Testing

/// Cache blocks: names, directories, task strings and range snapping (cache-and-queue.md §2,
/// §2.1; C128).
struct CoverageBlockTests {
    static func time(_ text: String) throws -> DasTime {
        try DasTime(parsing: text)
    }

    static func starts(_ begin: String, _ end: String, _ scheme: CoverageBlockScheme) throws -> [String] {
        CoverageBlock.blocks(from: try time(begin), to: try time(end), scheme: scheme).map(\.startText)
    }

    @Test(arguments: [
        (CoverageBlockScheme.persecond, "bin-10ms", "2013/10/31/01/05/2013-10-31T01-05-57_bin-10ms.d2s",
         "2013-10-31T01:05:57", "2013-10-31T01:05:58"),
        (.perminute, "bin-1s", "2013/10/31/01/2013-10-31T01-05_bin-1s.d2s", "2013-10-31T01:05", "2013-10-31T01:06"),
        (.hourly, "bin-1s", "2013/10/31/2013-10-31T01_bin-1s.d2s", "2013-10-31T01:00", "2013-10-31T02:00"),
        (.daily, "bin-60s", "2013/10/2013-10-31_bin-60s.d2s", "2013-10-31", "2013-11-01"),
        (.monthly, "bin-3600s", "2013/2013-10_bin-3600s.d2s", "2013-10-01", "2013-11-01"),
        (.yearly, "bin-86400s", "2013_bin-86400s.d2s", "2013-01-01", "2014-01-01"),
    ] as [(CoverageBlockScheme, String, String, String, String)])
    func blockHolding20131031T010557(
        scheme: CoverageBlockScheme, resolution: String, path: String, start: String, end: String
    ) throws {
        let block = CoverageBlock(containing: try Self.time("2013-10-31T01:05:57"), scheme: scheme)
        #expect(block.relativePath(resolutionDirectory: resolution, fileExtension: "d2s") == path)
        #expect(block.directories == path.split(separator: "/").dropLast().map(String.init))
        #expect(block.startText == start)
        #expect(block.endText == end)
        #expect(block.startText.count == [CoverageBlockScheme.persecond: 19, .perminute: 16, .hourly: 16][scheme] ?? 10)
    }

    @Test func fileNamesFollowTheStreamType() throws {
        let block = CoverageBlock(containing: try Self.time("1979-03-01T12:27"), scheme: .hourly)
        #expect(block.fileName(resolutionDirectory: "intrinsic", fileExtension: "qds") == "1979-03-01T12_intrinsic.qds")
        #expect(block.fileName(resolutionDirectory: "bin-250ms", fileExtension: "d2s") == "1979-03-01T12_bin-250ms.d2s")
    }

    @Test(arguments: [
        ("2013-10-31T01:05:57.5", "2013-10-31T03:00", CoverageBlockScheme.hourly, ["2013-10-31T01:00", "2013-10-31T02:00"]),
        ("2013-10-31T01:05:57", "2013-10-31T01:05:59.2", .persecond,
         ["2013-10-31T01:05:57", "2013-10-31T01:05:58", "2013-10-31T01:05:59"]),
        ("2013-10-31T01:05:30", "2013-10-31T01:07:00", .perminute, ["2013-10-31T01:05", "2013-10-31T01:06"]),
        ("2013-10-31T12:00", "2013-11-02T00:00:01", .daily, ["2013-10-31", "2013-11-01", "2013-11-02"]),
        ("2013-10-15", "2013-12-01", .monthly, ["2013-10-01", "2013-11-01"]),
    ] as [(String, String, CoverageBlockScheme, [String])])
    func snappingTable(begin: String, end: String, scheme: CoverageBlockScheme, expected: [String]) throws {
        let blocks = CoverageBlock.blocks(from: try Self.time(begin), to: try Self.time(end), scheme: scheme)
        #expect(blocks.map(\.startText) == expected)
        #expect(blocks.count == expected.count)
    }

    @Test func persecondSnappingDropsTheFractionOfTheBegin() throws {
        #expect(try Self.starts("2013-10-31T01:05:57.75", "2013-10-31T01:05:58.5", .persecond)
            == ["2013-10-31T01:05:57", "2013-10-31T01:05:58"])
    }

    @Test func endInsideABlockBySecondsIncludesItForEveryScheme() throws {
        #expect(try Self.starts("2020-01-01T12:00", "2020-01-02T00:00:30", .daily) == ["2020-01-01", "2020-01-02"])
        #expect(try Self.starts("2020-01-01", "2020-02-01T00:00:00.5", .monthly) == ["2020-01-01", "2020-02-01"])
        #expect(try Self.starts("2020-06-01", "2021-01-01T00:00:01", .yearly) == ["2020-01-01", "2021-01-01"])
    }

    @Test func calendarOverflowCarries() throws {
        #expect(try Self.starts("2013-11-15", "2014-02-01", .monthly) == ["2013-11-01", "2013-12-01", "2014-01-01"])
        #expect(try Self.starts("2020-02-28", "2020-03-02", .daily) == ["2020-02-28", "2020-02-29", "2020-03-01"])
        #expect(try Self.starts("2019-02-28", "2019-03-02", .daily) == ["2019-02-28", "2019-03-01"])
        #expect(try Self.starts("2013-12-31T23:00", "2014-01-01T01:00", .hourly)
            == ["2013-12-31T23:00", "2014-01-01T00:00"])
        #expect(try Self.starts("2013-12-31T23:59:58", "2014-01-01T00:00:01", .persecond)
            == ["2013-12-31T23:59:58", "2013-12-31T23:59:59", "2014-01-01T00:00:00"])
        let last = CoverageBlock(containing: try Self.time("2013-12-31T23:59"), scheme: .perminute)
        #expect(last.endText == "2014-01-01T00:00")
        #expect(last.next.relativePath(resolutionDirectory: "bin-1s", fileExtension: "d2s")
            == "2014/01/01/00/2014-01-01T00-00_bin-1s.d2s")
    }

    @Test func emptyAndReversedRangesHoldNoBlock() throws {
        for (begin, end) in [("2013-10-31T12:30", "2013-10-31T12:30"), ("2013-10-31T12:30", "2013-10-31T12:10"),
                             ("2013-11-02", "2013-10-31")] {
            let blocks = CoverageBlock.blocks(from: try Self.time(begin), to: try Self.time(end), scheme: .hourly)
            #expect(blocks.isEmpty)
            #expect(blocks.count == 0)
            #expect(Array(blocks).isEmpty)
        }
    }

    @Test func unnormalizedTimesAreNormalizedFirst() throws {
        let leap = DasTime(year: 2016, month: 12, mday: 31, hour: 23, minute: 59, second: 60)
        #expect(CoverageBlock(containing: leap, scheme: .daily).startText == "2017-01-01")
        let thirteenth = DasTime(year: 2016, month: 13, mday: 1)
        #expect(CoverageBlock(containing: thirteenth, scheme: .monthly).startText == "2017-01-01")
    }

    @Test func blockStartAndEndAreInstants() throws {
        let block = CoverageBlock(containing: try Self.time("1979-03-01T12:27:30"), scheme: .hourly)
        #expect(block.start == DasTime(year: 1979, month: 3, mday: 1, hour: 12))
        #expect(block.end == DasTime(year: 1979, month: 3, mday: 1, hour: 13))
        #expect((block.year, block.month, block.day, block.hour, block.minute, block.second) == (1979, 3, 1, 12, 0, 0))
    }

    @Test(arguments: CoverageBlockScheme.allCases)
    func countMatchesTheEnumeration(scheme: CoverageBlockScheme) throws {
        let spans: [CoverageBlockScheme: String] = [
            .persecond: "2016-12-31T23:40:00.5", .perminute: "2017-01-01T09:13:20", .hourly: "2017-01-05",
            .daily: "2017-05-03T01:00", .monthly: "2025-02-28", .yearly: "2051-07-01",
        ]
        let blocks = CoverageBlock.blocks(
            from: try Self.time("2016-12-31T22:58:59.5"), to: try Self.time(spans[scheme]!), scheme: scheme)
        var count = 0
        var previous: CoverageBlock?
        for block in blocks {
            if let previous { #expect(previous.end == block.start) }
            previous = block
            count += 1
        }
        #expect(count == blocks.count)
        #expect(count > 30)
    }

    @Test func yearsArePaddedToFourDigits() throws {
        let block = CoverageBlock(containing: DasTime(year: 999, month: 5, mday: 4), scheme: .daily)
        #expect(block.relativePath(resolutionDirectory: "intrinsic", fileExtension: "d2s")
            == "0999/05/0999-05-04_intrinsic.d2s")
    }
}
