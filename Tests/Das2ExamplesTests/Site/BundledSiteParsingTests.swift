import Das2Core
import Das2Examples
import Testing

/// The installed files read back with the server's own parsers (DSDF, das2server.conf,
/// das2peers.ini), as the server will read them.
@Suite struct BundledSiteParsingTests {
    static let sources = ["Random", "Waveform", "Spectrogram", "Survey", "Ephemeris", "QStream"]

    static func dsdf(_ site: SiteFixture, _ name: String) throws -> DSDF {
        try DSDF(parsing: site.bytes("datasets/\(name).dsdf"), name: name)
    }

    @Test(arguments: sources)
    func sourceParsesWithTheServerParser(source: String) throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try Self.dsdf(site, "Examples/\(source)")
        let lines = try site.dsdf("Examples/\(source)")
        // The parser and the key lines agree on every one-line key.
        for entry in lines.entries {
            #expect(dsdf[entry.key] == entry.value, "\(source): \(entry.key)")
        }
        let summary = try #require(dsdf["summary"])
        #expect(summary.hasSuffix(".") && !summary.contains("'") && !summary.contains("$") && !summary.contains("  "))
        #expect(dsdf.isTrue(source == "QStream" ? "qstream" : "das2Stream"))
        if source != "QStream" { #expect(dsdf.hapiFlag("hapi") == true) }
        let examples = try dsdf.exampleRanges()
        #expect(examples.map(\.key) == ["exampleRange_00", "exampleRange_01"])
        #expect(examples.allSatisfy { $0.title?.isEmpty == false })
        let validRange = try ValidRange(parsing: dsdf["validRange"], now: DasTime(year: 2025, month: 1, mday: 1))
        for example in examples {
            #expect(TimeScale.us2000.value(from: validRange.begin) <= (try us2000(example.begin)))
            #expect((try us2000(example.end)) <= TimeScale.us2000.value(from: validRange.end))
        }
        // server=dsdf never shows the reader command.
        let header = String(decoding: dsdf.das2HeaderPacket(), as: UTF8.self)
        #expect(!header.contains("reader=") && header.contains("exampleRange_01="))
    }

    @Test func dirinfoFilesParse() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        #expect(try Self.dsdf(site, "_dirinfo_")["description"] == "das2kit example site")
        #expect(try Self.dsdf(site, "Examples/_dirinfo_")["description"] == "Example data sources computed by das2-server")
    }

    @Test func spectrogramCacheLevelsAreUsable() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let (levels, warnings) = try Self.dsdf(site, "Examples/Spectrogram").cacheLevels()
        #expect(warnings.isEmpty)
        #expect(levels.map(\.resolutionSeconds) == [0, 60, 3600])
        #expect(levels.map(\.resolutionDirectory) == ["intrinsic", "bin-60s", "bin-3600s"])
        #expect(levels.map(\.block) == [.hourly, .daily, .monthly])
        #expect(levels.allSatisfy { $0.normalizedParameters == "_noparam" })
        // HAPI offers x_bin datasets for resolutions that divide a day (hapi.md §8.1.1).
        #expect(levels.filter { $0.resolutionSeconds > 0 }.allSatisfy { 86_400.truncatingRemainder(dividingBy: $0.resolutionSeconds) == 0 })
    }

    @Test func ephemerisSubSourcesAreIntervals() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try Self.dsdf(site, "Examples/Ephemeris")
        #expect(dsdf.isTrue("requiresInterval"))
        let subSources = try dsdf.subSources()
        #expect(subSources.map(\.id) == ["Minute", "Hour"])
        #expect(subSources.map(\.resolution) == [60, 3600])
        #expect(try dsdf.exampleRanges().map(\.interval) == ["3600", "60"])
    }

    @Test func surveyExampleParametersAreReaderParameters() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let examples = try Self.dsdf(site, "Examples/Survey").exampleRanges()
        #expect(examples.map(\.parameters) == ["B", nil])
    }

    @Test func substitutionLeavesTheSourcesAlone() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        for source in Self.sources {
            let dsdf = try Self.dsdf(site, "Examples/\(source)")
            let substituted = try dsdf.substituted(
                thisFile: site.path("datasets/Examples/\(source).dsdf"),
                queryValue: { _ in nil },
                configurationValue: { _ in nil }
            )
            #expect(substituted == dsdf)
        }
    }

    @Test func configurationParsesWithTheServerParser() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let configuration = try ServerConfiguration(parsing: site.bytes("etc/das2server.conf"), path: site.configurationPath)
        #expect(configuration.siteName == "das2kit example site")
        #expect(configuration.serverID == "examples")
        #expect(configuration.dsdfRoot == site.path("datasets"))
        #expect(configuration.cacheRoot == site.path("cache"))
        #expect(configuration.resourcePath == site.path("static"))
        #expect(configuration.logPath == site.path("log"))
        #expect(configuration.peersFile == site.path("etc/das2peers.ini"))
        #expect(configuration.das2ToUTF8 == "das2_ascii")
        #expect(configuration.enableHAPI)
        #expect(configuration.testFrom == ["127.0.0.1", "::1"])
        #expect(configuration.sitePathURI == "tag:das2.org,2012:site:/das2kit/examples")
        let sample = try #require(configuration.sampleDSDF)
        let example = try #require(try Self.dsdf(site, sample).exampleRanges().first)
        #expect(configuration.sampleStart == example.begin && configuration.sampleEnd == example.end)
    }

    @Test func configurationKeepsPathsWithHashAndBlanks() throws {
        let site = try SiteFixture(directoryName: "with # hash and blanks")
        defer { site.remove() }
        let configuration = try ServerConfiguration(parsing: site.bytes("etc/das2server.conf"), path: site.configurationPath)
        #expect(configuration.dsdfRoot == site.path("datasets"))
        #expect(configuration.dsdfRoot?.contains("# hash") == true)
    }

    @Test func peersParseWithTheServerParser() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let peers = try PeerList(parsing: site.bytes("etc/das2peers.ini"), path: site.path("etc/das2peers.ini")).peers
        #expect(peers.map(\.name) == ["jupiter", "planet"])
        #expect(peers.map(\.url) == ["http://jupiter.physics.uiowa.edu/das/server", "http://planet.physics.uiowa.edu/das/das2Server"])
        #expect(peers[1].description == "Primary das2 server at the University of Iowa. Plasma wave data from\nCassini, Galileo, Juno, Mars Express and Voyager.")
    }
}
