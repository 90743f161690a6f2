import Das2Examples
import Das2Stream
import FoundationEssentials
import Testing

/// The installed example site: tree, configuration, peers, DSDF key lines, static files,
/// idempotence.
@Suite struct BundledSiteTests {
    static let sources = ["Random", "Waveform", "Spectrogram", "Survey", "Ephemeris", "QStream"]

    /// `KEY = "value"` lines of das2server.conf, quotes removed.
    static func configuration(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[parts[0].trimming()] = parts[1].trimming(" \t\"")
        }
        return values
    }

    @Test func installWritesTheWholeTree() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(site.configurationPath == site.path("etc/das2server.conf"))
        let files = [
            "etc/das2server.conf", "etc/das2peers.ini", "datasets/_dirinfo_.dsdf", "datasets/Examples/_dirinfo_.dsdf",
            "static/logo.png", "static/das2server.css", "static/das2server.xsl",
        ] + Self.sources.map { "datasets/Examples/\($0).dsdf" }
        for file in files {
            #expect(try !site.bytes(file).isEmpty, "\(file)")
        }
        for directory in ["cache", "log"] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.path(directory)).isEmpty)
        }
        let everything = try FileManager.default.subpathsOfDirectory(atPath: site.root)
        #expect(!everything.contains { $0.contains(".tmp-") })
    }

    @Test func configurationPointsIntoTheSite() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let values = Self.configuration(try site.text("etc/das2server.conf"))
        #expect(values["DSDF_ROOT"] == site.path("datasets"))
        #expect(values["CACHE_ROOT"] == site.path("cache"))
        #expect(values["RESOURCE_PATH"] == site.path("static"))
        #expect(values["LOG_PATH"] == site.path("log"))
        #expect(values["PEERS_FILE"] == site.path("etc/das2peers.ini"))
        #expect(values["D2S_TO_UTF8"] == "das2_ascii")
        #expect(values["ENABLE_HAPI_SUBSYS"] == "true")
        #expect(values["TEST_FROM"] == "127.0.0.1 ::1")
        #expect(values["SITE_NAME"] == "das2kit example site")
        #expect(values["SERVER_ID"] == "examples")
        #expect(values["SITE_PATHURI"] == "tag:das2.org,2012:site:/das2kit/examples")
        #expect(values["SAMPLE_DSDF"] == "Examples/Spectrogram")
        #expect(values["SAMPLE_START"] == "2017-01-01T00:00")
        #expect(values["SAMPLE_END"] == "2017-01-01T00:15")
    }

    @Test func peersListRealServers() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let text = try site.text("etc/das2peers.ini")
        #expect(text.contains("[planet]\nurl = http://planet.physics.uiowa.edu/das/das2Server\n"))
        #expect(text.contains("[jupiter]\nurl = http://jupiter.physics.uiowa.edu/das/server\n"))
        #expect(!text.contains("%"))
    }

    @Test(arguments: sources)
    func sourceHasTheRequiredKeyLines(source: String) throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try site.dsdf("Examples/\(source)")
        let text = try site.text("datasets/Examples/\(source).dsdf")
        #expect(dsdf["description"]?.isEmpty == false)
        #expect(text.contains("\nsummary = '"))
        #expect(dsdf["techContact"]?.contains("<") == true)
        #expect(dsdf["reader"] == "das2-server example \(source == "QStream" ? "qstream" : source.lowercased())")
        #expect(dsdf["validRange"] == "2010-01-01 to 2030-01-01 UTC")
        #expect(dsdf.values(prefix: "exampleRange_").count == 2)
        #expect(!dsdf.itemIDs.isEmpty)
        if source == "QStream" {
            #expect(dsdf["qstream"] == "1" && dsdf["das2Stream"] == nil)
            #expect(dsdf["hapi"] == nil)
        } else {
            #expect(dsdf["das2Stream"] == "1" && dsdf["qstream"] == nil)
            #expect(dsdf["hapi"] == "1")
        }
    }

    @Test func sourceSpecificKeys() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let spectrogram = try site.dsdf("Examples/Spectrogram")
        #expect(spectrogram.values(prefix: "cacheLevel_") == ["intrinsic | hourly", "60 s | daily", "3600 s | monthly"])
        #expect(spectrogram["reducer"] == "das2_bin_avgsec -r")
        let survey = try site.dsdf("Examples/Survey")
        #expect(survey.values(prefix: "param_").map { $0.prefix(4) } == ["E | ", "B | "])
        #expect(survey["exampleParams_00"] == "B")
        let ephemeris = try site.dsdf("Examples/Ephemeris")
        #expect(ephemeris["requiresInterval"] == "1")
        #expect(ephemeris["exampleInterval_00"] == "3600" && ephemeris["exampleInterval_01"] == "60")
        #expect(ephemeris.values(prefix: "subSource_") == [
            "Minute | Ephemeris at one-minute intervals | 60", "Hour | Ephemeris at one-hour intervals | 3600",
        ])
        #expect(ephemeris["reducer"] == "not_reducible")
        #expect(try site.dsdf("Examples/Waveform")["reducer"] == "not_reducible")
        #expect(try site.dsdf("Examples/Random")["reducer"] == "das2_bin_avgsec")
    }

    @Test func dsdfLinesUseOnlyPortableSyntax() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let files = ["_dirinfo_", "Examples/_dirinfo_"] + Self.sources.map { "Examples/\($0)" }
        for file in files {
            let text = try site.text("datasets/\(file).dsdf")
            var continuing = false
            for line in text.split(separator: "\n") {
                defer { continuing = line.hasSuffix("$") }
                if line.hasPrefix(";") { continue }
                // Keys of [A-Za-z0-9_] (dsdf.md §2.3) and quoted values without the characters
                // DSDF parsers disagree on: `;` (DD-2), parentheses (removed by server=dsdf),
                // inner quotes.
                var value = Substring(line)
                if !continuing {
                    let parts = line.split(separator: "=", maxSplits: 1)
                    #expect(parts.count == 2, "\(file): \(line)")
                    #expect(parts[0].dropLast().allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(file): \(line)")
                    value = parts[1]
                }
                let inner = value.trimming(" '+$")
                #expect(!inner.contains { ";()'\"\t".contains($0) }, "\(file): \(line)")
            }
        }
    }

    @Test func logoIsAPNG() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let png = try site.bytes("static/logo.png")
        #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var chunks: [String] = []
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = png[(offset + 4)..<(offset + 8)]
            let crc = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(Self.crc32(png[(offset + 4)..<(offset + 8 + length)]) == crc)
            chunks.append(String(decoding: type, as: UTF8.self))
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(chunks.first == "IHDR" && chunks.last == "IEND" && chunks.contains("IDAT"))
        #expect(png[16..<24] == [0, 0, 0, 48, 0, 0, 0, 48])
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func styleSheetsAreThere() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let xsl = try site.bytes("static/das2server.xsl")
        let root = try xsl.withUnsafeBytes { try HeaderXMLParser.parse($0) }
        #expect(root.name == "xsl:stylesheet")
        let text = String(decoding: xsl, as: UTF8.self)
        #expect(text.contains("match=\"/das2server\"") && text.contains("peers/server"))
        #expect(text.contains("select=\"url\"") && text.contains("select=\"description\""))
        #expect(try site.text("static/das2server.css").contains("body {"))
    }

    @Test func installingAgainChangesNothing() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let paths = try FileManager.default.subpathsOfDirectory(atPath: site.root).sorted()
        func snapshot() throws -> [String: ([UInt8], Date?)] {
            var result: [String: ([UInt8], Date?)] = [:]
            for path in paths where !FileManager.default.isDirectory(site.path(path)) {
                let date = try FileManager.default.attributesOfItem(atPath: site.path(path))[.modificationDate] as? Date
                result[path] = (try site.bytes(path), date)
            }
            return result
        }
        let before = try snapshot()
        let again = try BundledSite.install(at: site.root, readerCommand: "das2-server example")
        #expect(again == site.configurationPath)
        let after = try snapshot()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.root).sorted() == paths)
        #expect(before.count == after.count)
        for (path, value) in before {
            #expect(after[path]?.0 == value.0, "\(path)")
            #expect(after[path]?.1 == value.1, "\(path)")
        }
    }

    @Test func installingAgainRestoresEditsAndKeepsCacheAndLog() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.path("cache/data/Examples"), withIntermediateDirectories: true)
        try Data("cached".utf8).write(to: URL(fileURLWithPath: site.path("cache/data/Examples/block.d2s")))
        try Data("logged".utf8).write(to: URL(fileURLWithPath: site.path("log/das2server.log")))
        let original = try site.bytes("datasets/Examples/Random.dsdf")
        try Data("description = 'edited'\n".utf8).write(to: URL(fileURLWithPath: site.path("datasets/Examples/Random.dsdf")))
        try FileManager.default.removeItem(atPath: site.path("static/logo.png"))

        try BundledSite.install(at: site.root, readerCommand: "das2-server example")
        #expect(try site.bytes("datasets/Examples/Random.dsdf") == original)
        #expect(try !site.bytes("static/logo.png").isEmpty)
        #expect(try site.text("cache/data/Examples/block.d2s") == "cached")
        #expect(try site.text("log/das2server.log") == "logged")
    }

    @Test func readerCommandIsWrittenVerbatim() throws {
        let site = try SiteFixture(readerCommand: "  /opt/das2 server/bin/das2-server example ")
        defer { site.remove() }
        #expect(try site.dsdf("Examples/Survey")["reader"] == "/opt/das2 server/bin/das2-server example survey")
        let quoted = try SiteFixture(readerCommand: "'/opt/it'\\''s/das2-server' example")
        defer { quoted.remove() }
        let text = try quoted.text("datasets/Examples/Random.dsdf")
        #expect(text.contains("\nreader = \"'/opt/it'\\''s/das2-server' example random\"\n"))
    }

    @Test(arguments: ["", "   ", "a'b\"c", "das2-server\nexample"])
    func unusableReaderCommandIsRefused(command: String) throws {
        let root = FileManager.default.temporaryDirectory.path + "/das2-examples-refused-" + String(UInt32.random(in: 0...UInt32.max))
        #expect(throws: (any Error).self) { try BundledSite.install(at: root, readerCommand: command) }
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test func unusableRootIsRefused() {
        #expect(throws: (any Error).self) { try BundledSite.install(at: "/tmp/das2 \"quoted\"", readerCommand: "das2-server example") }
        #expect(throws: (any Error).self) { try BundledSite.install(at: "", readerCommand: "das2-server example") }
    }

    @Test func unwritableRootNamesThePath() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        // A file where the site directory should be.
        let blocked = site.path("etc/das2server.conf") + "/site"
        do {
            try BundledSite.install(at: blocked, readerCommand: "das2-server example")
            Issue.record("installed below a regular file")
        } catch {
            #expect("\(error)".contains(site.path("etc/das2server.conf")))
        }
    }
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var directory = false
        return fileExists(atPath: path, isDirectory: &directory) && directory
    }
}
