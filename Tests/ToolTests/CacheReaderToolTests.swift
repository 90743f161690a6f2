import Das2TestSupport
import Foundation
import Testing

/// `das2_cache_rdr` (cache-and-queue.md §4, tools.md §6 with the §10 fixes; conformance cases
/// C123, C124) on the fixture cache tree `Tests/Fixtures/cache`.
@Suite("das2_cache_rdr")
struct CacheReaderToolTests {
    static let fixture = Fixtures.path("cache")
    static let test = "'\(fixture)/datasets/test.dsdf' '\(fixture)/cache/data/test' _noparam"
    static let spectra = "'\(fixture)/datasets/Examples/Spectra.dsdf' '\(fixture)/cache/data/Examples/Spectra' _noparam"

    /// The data lines of a das2_ascii rendering.
    static func records(_ output: [UInt8]) -> [Substring] {
        String(decoding: output, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix(":01:") }
    }

    @Test func theSixtySecondTreeServesRES100() async throws {
        let result = try await ToolRunner.run(
            "das2_cache_rdr \(Self.test) 2020-01-01T12:00 2020-01-02T01:00Z 100 | das2_ascii")
        #expect(result.status == 0)
        let records = Self.records(result.output)
        // Bins hold the 10-minute samples: 6 an hour for 13 hours.
        #expect(records.count == 13 * 6)
        #expect(records.first?.hasPrefix(":01:2020-01-01T12:00:30.000") == true)
        #expect(records.last?.hasPrefix(":01:2020-01-02T00:50:30.000") == true)
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.contains("TimeRange:xCacheRange=\"2020-01-01T12:00 to 2020-01-02T01:00 UTC\""))
        #expect(text.contains("Datum:xCacheResolution=\"60.000000 s\""))
        #expect(result.errorLines == [
            "   Reading: \(Self.fixture)/cache/data/test/_noparam/bin-60s/2020/01/2020-01-01_bin-60s.d2s",
            "   Reading: \(Self.fixture)/cache/data/test/_noparam/bin-60s/2020/01/2020-01-02_bin-60s.d2s",
        ])
    }

    @Test(arguments: [
        ("0", "intrinsic/2020/01/2020-01-01_intrinsic.d2s", 78),
        ("intrinsic", "intrinsic/2020/01/2020-01-01_intrinsic.d2s", 78),
        ("7200", "bin-3600s/2020/2020-01_bin-3600s.d2s", 13),
    ] as [(String, String, Int)])
    func theResolutionChoosesTheTree(resolution: String, file: String, count: Int) async throws {
        let result = try await ToolRunner.run(
            "das2_cache_rdr \(Self.test) 2020-01-01T12:00 2020-01-02T01:00Z \(resolution) | das2_ascii")
        #expect(result.status == 0)
        #expect(result.errorLines.first == "   Reading: \(Self.fixture)/cache/data/test/_noparam/\(file)")
        #expect(Self.records(result.output).count == count)
    }

    @Test func spectraBlocksOfTheCoverageExample() async throws {
        let coarse = try await ToolRunner.run("das2_cache_rdr \(Self.spectra) 1979-03-01T12:27 1979-03-01T12:28 6.00000e+01")
        #expect(coarse.status == 0)
        #expect(coarse.errorLines == [
            "   Reading: \(Self.fixture)/cache/data/Examples/Spectra/_noparam/bin-1s/1979/03/1979-03-01_bin-1s.d2s"
        ])
        let fine = try await ToolRunner.run(
            "das2_cache_rdr \(Self.spectra) 1979-03-01T12:27 1979-03-01T12:28 0.5 | das2_ascii")
        #expect(fine.status == 0)
        #expect(fine.errorLines == [
            "   Reading: \(Self.fixture)/cache/data/Examples/Spectra/_noparam/bin-250ms/1979/03/01/1979-03-01T12_bin-250ms.d2s"
        ])
        #expect(Self.records(fine.output).count == 12)
        #expect(String(decoding: fine.output, as: UTF8.self).contains("Datum:xCacheResolution=\"250.000000 ms\""))
    }

    @Test func anEmptyBlockIsSkippedAndGivesNoData() async throws {
        let result = try await ToolRunner.run("das2_cache_rdr \(Self.spectra) 1979-03-02 1979-03-03 1")
        #expect(result.status == 0)
        #expect(result.errorLines.isEmpty)
        #expect(String(decoding: result.output, as: UTF8.self).hasSuffix(
            "<exception type=\"NoDataInInterval\" message=\"No data in the interval 1979-03-02T00:00:00.000000 to "
                + "1979-03-03T00:00:00.000000 at 1 s resolution\" />\n"))
    }

    @Test func c123NoFilesGiveTheCacheHeaderAndNoDataInInterval() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("das2-c123-\(UUID().uuidString)")
        let cache = directory.appendingPathComponent("cache/data/Examples/Spectra")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await ToolRunner.run(
            "das2_cache_rdr '\(Self.fixture)/datasets/Examples/Spectra.dsdf' '\(cache.path)' _noparam "
                + "1979-03-01T12:27 1979-03-01T12:28 60")
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self) == """
            [00]000211<stream compression="none" version="2.2" >
              <properties
                TimeRange:xCacheRange="1979-03-01T12:27 to 1979-03-01T12:28 UTC"
                Datum:xCacheResolution="1.000000 s"
                sourceId="das2_cache_rdr"
              />
            </stream>
            [xx]000147<exception type="NoDataInInterval" message="No data in the interval 1979-03-01T12:27:00.000000 \
            to 1979-03-01T12:28:00.000000 at 1 s resolution" />

            """)
        #expect(result.error.isEmpty)
    }

    @Test func c124NoMatchingLevelFails() async throws {
        let result = try await ToolRunner.run("das2_cache_rdr '\(Self.fixture)/datasets/Examples/Spectra.dsdf' "
            + "'\(Self.fixture)/cache/data/Examples/Spectra' high 1979-03-01T12:27 1979-03-01T12:28 60")
        #expect(result.status == 92)
        #expect(result.output.isEmpty)
        #expect(result.errorLines == ["ERROR: No cache trees were defined in \(Self.fixture)/datasets/Examples/Spectra.dsdf"])
    }

    @Test(arguments: [
        ("'\(fixture)/nope.dsdf' /tmp _noparam 2020-01-01 2020-01-02 0", 92,
         "ERROR: Missing Data Source Description File (DSDF): \(fixture)/nope.dsdf"),
        ("'\(fixture)/datasets/test.dsdf' '\(fixture)/cache/data/none' _noparam 2020-01-01 2020-01-02 0", 92,
         "ERROR: Cache directory \(fixture)/cache/data/none doesn't exist"),
        ("\(test) notatime 2020-01-02 0", 92, "ERROR: Couldn't convert begin time notatime to a date-time"),
        ("\(test) 2020-01-02 2020-01-01 0", 92, "ERROR: Begin point 2020-01-02 is <= to the ending point 2020-01-01"),
        ("\(test) 2020-01-01 2020-01-02 -5", 92, "ERROR: Resolution value -5 is <= 0"),
        ("\(test) 2020-01-01 2020-01-02 fast", 92, "ERROR: Can't convert resolution fast to a double value"),
        ("\(test) 2020-01-01 2020-01-02", 13, "Unexpected number of command line arguments 6 1"),
        ("-p \(test) 2020-01-01 2020-01-02 0", 13, "Couldn't convert \(fixture)/datasets/test.dsdf to a positive real value"),
        ("-p -1 \(test) 2020-01-01 2020-01-02 0", 13, "Couldn't convert -1 to a positive real value"),
        ("--pad=x \(test) 2020-01-01 2020-01-02 0", 13, "Couldn't convert x to a positive real value"),
        ("-p", 13, "Error argument missing for pad (-p) option"),
        ("", 13, "Unexpected number of command line arguments 1 1"),
    ] as [(String, Int32, String)])
    func errorsGiveOneLineAndTheirStatus(arguments: String, status: Int32, message: String) async throws {
        let result = try await ToolRunner.run("das2_cache_rdr \(arguments)")
        #expect(result.status == status)
        #expect(result.output.isEmpty)
        #expect(result.errorLines == [Substring(message)])
    }

    @Test func padWidensTheRange() async throws {
        let plain = try await ToolRunner.run("das2_cache_rdr \(Self.test) 2020-01-01T12:00 2020-01-01T12:10 0 | das2_ascii")
        #expect(Self.records(plain.output).count == 1)
        let padded = try await ToolRunner.run(
            "das2_cache_rdr -p 600 \(Self.test) 2020-01-01T12:00 2020-01-01T12:10 0 | das2_ascii")
        #expect(Self.records(padded.output).count == 3)
        let text = String(decoding: padded.output, as: UTF8.self)
        #expect(text.contains("TimeRange:xCacheRange=\"2020-01-01T12:00 to 2020-01-01T12:10 UTC\""))
    }

    @Test func helpIsNotAnError() async throws {
        for option in ["-h", "--help"] {
            let result = try await ToolRunner.run("das2_cache_rdr \(option)")
            #expect(result.status == 0)
            #expect(result.error.contains("das2_cache_rdr [options] DSDF CACHE_DIR PARAMSET BEG END RES"))
            #expect(result.output.isEmpty)
        }
    }
}
