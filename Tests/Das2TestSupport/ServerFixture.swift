import Foundation

/// The server conformance fixture `<F>` of conformance-cases.md §0.2–§0.5, built in a fresh
/// temporary directory: `etc/das2server.conf` (and its variants), the static files, the
/// password, group and peers files, the DSDF tree and `bin/` with the probe programs
/// (symbolic links to the built `das2-test-probe`).
///
/// ```swift
/// let fixture = try ServerFixture(ServerFixture.Options(ignoreRedirect: true))
/// defer { fixture.remove() }
/// let log = fixture.probeLog("case-17")
/// // run a request with PROBE_LOG = log.path, then:
/// #expect(log.argv(of: "probe_rdr") == ["2017-01-01", "2017-01-02"])
/// ```
public struct ServerFixture: Sendable {
    /// The variations of the fixture the cases need.
    public struct Options: Sendable, Hashable {
        /// Whether the configuration has `SITE_NAME` (C11 removes it).
        public var siteName: Bool
        /// Whether `IGNORE_REDIRECT = true` is added (C64, C66).
        public var ignoreRedirect: Bool
        /// Whether `USER_PASSWD` names a missing file, `<F>/etc/nope` (C74).
        public var missingPasswordFile: Bool
        /// Whether `TEST_FROM = 127.0.0.1` is kept; false removes it (untrusted loopback
        /// clients of the standalone server, §0.1).
        public var trustsLoopback: Bool
        /// Whether `ENABLE_HAPI_SUBSYS = true` is kept.
        public var hapi: Bool
        /// Whether `static/logo.png` exists (C13 removes it).
        public var logo: Bool
        /// Further files below `<F>` (relative path → text), e.g. extra DSDFs for the hostile
        /// input tests; `<F>` in the text is replaced by the fixture root.
        public var extraFiles: [String: String]
        /// The directory holding the HAPI fixture streams (`hapi_mag.d2s`, `hapi_spec.d2t`,
        /// `hapi_mag_bin600.d2s`); when set, the additions of hapi.md §12.1 are built: the
        /// streams in `<F>/streams`, the `Hapi/` DSDFs and the `fixture_rdr` and `fixture_cut`
        /// programs.
        public var hapiStreams: String?
        /// Lines appended to `das2server.conf` (later keys replace earlier ones), e.g.
        /// `HAPI_TIMEOUT = 2`.
        public var extraConfiguration: [String]

        /// Creates options; the defaults give the fixture exactly as §0 writes it.
        public init(
            siteName: Bool = true, ignoreRedirect: Bool = false, missingPasswordFile: Bool = false,
            trustsLoopback: Bool = true, hapi: Bool = true, logo: Bool = true, extraFiles: [String: String] = [:],
            hapiStreams: String? = nil, extraConfiguration: [String] = []
        ) {
            self.siteName = siteName
            self.ignoreRedirect = ignoreRedirect
            self.missingPasswordFile = missingPasswordFile
            self.trustsLoopback = trustsLoopback
            self.hapi = hapi
            self.logo = logo
            self.extraFiles = extraFiles
            self.hapiStreams = hapiStreams
            self.extraConfiguration = extraConfiguration
        }
    }

    /// The probe program names of §0.4 and of the hostile-input and robustness tests; each is
    /// a link in `<F>/bin`.
    public static let probeNames = [
        "probe_rdr", "probe_red", "probe_ascii", "probe_cache", "fail_rdr", "mid_rdr",
        "argv_rdr", "big_rdr", "crash_rdr",
    ]

    /// PROBE_STREAM (§0.4): the 76 bytes every probe reader writes.
    public static let probeStream = Array(
        "[00]000066<stream version=\"2.2\"><properties String:title=\"probe\"/></stream>\n".utf8
    )

    /// The fixture's root directory `<F>` (no trailing `/`).
    public let root: String
    /// The options it was built with.
    public let options: Options

    /// `<F>/etc/das2server.conf`.
    public var configurationPath: String { root + "/etc/das2server.conf" }
    /// `<F>/log`, where the server writes its request logs.
    public var logDirectory: String { root + "/log" }

    /// Builds a fixture.
    /// - Parameters:
    ///   - options: the variant.
    ///   - probe: the `das2-test-probe` executable the `bin/` links point to (default: the
    ///     one built beside `das2-server`).
    /// - Throws: when a file cannot be written.
    public init(_ options: Options = Options(), probe: String = ServerProcess.productsDirectory + "/das2-test-probe") throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/das2-fixture-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!).map { String(cString: $0) } }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        root = created
        self.options = options
        try build(probe: probe)
    }

    /// Deletes the fixture directory.
    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A probe log file in `<F>/probe/<name>.log` (not created yet).
    public func probeLog(_ name: String) -> ProbeLog {
        ProbeLog(path: root + "/probe/" + name + ".log")
    }

    /// The text of every request log file the server wrote to `<F>/log`.
    public func serverLogText() -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logDirectory)) ?? []
        return names.sorted().compactMap { try? String(contentsOfFile: logDirectory + "/" + $0, encoding: .utf8) }.joined()
    }

    /// `das2server.conf` of §0.2 with this variant's changes.
    public var configurationText: String {
        var lines = [
            "SITE_NAME = \"Test Site\"",
            "SERVER_ID = \"test\"",
            "DSDF_ROOT = \"\(root)/datasets\"",
            "CACHE_ROOT = \"\(root)/cache\"",
            "RESOURCE_PATH = \"\(root)/static\"",
            "LOG_PATH = \"\(root)/log\"",
            "BIN_PATH = \"\(root)/bin\"",
            "USER_PASSWD = \"\(root)/etc/\(options.missingPasswordFile ? "nope" : "passwd")\"",
            "USER_GROUP = \"\(root)/etc/group\"",
            "PEERS_FILE = \"\(root)/etc/das2peers.ini\"",
            "D2S_REDUCER = \"probe_red\"",
            "D2S_CACHE_RDR = \"probe_cache\"",
            "D2S_TO_UTF8 = \"probe_ascii\"",
            "TEST_FROM = 127.0.0.1",
            "ENABLE_HAPI_SUBSYS = true",
            "SITE_PATHURI = \"tag:das2.org,2012:test:/fixture\"",
            "WORK_QUEUE_BROKER = redis",
            "WORK_QUEUE_CONN = localhost:6379:15",
        ]
        if !options.siteName { lines.removeAll { $0.hasPrefix("SITE_NAME ") } }
        if !options.trustsLoopback { lines.removeAll { $0.hasPrefix("TEST_FROM ") } }
        if !options.hapi { lines.removeAll { $0.hasPrefix("ENABLE_HAPI_SUBSYS ") } }
        if options.ignoreRedirect { lines.append("IGNORE_REDIRECT = true") }
        lines += options.extraConfiguration
        return lines.joined(separator: "\n") + "\n"
    }

    /// The DSDF files of §0.5 (relative path → text).
    public static let datasets: [String: String] = [
        "Examples/_dirinfo_.dsdf": """
            description = 'Example data sources'
            """,
        "Examples/Random.dsdf": """
            ; Random test source
            description = 'Produce random values between -10 and +10'
            reader = 'probe_rdr'
            reducer = 'not_reducible'
            das2Stream = 1
            techContact = 'Your Name <your.name@yourplace.edu>'
            exampleRange_00 = '2017-01-01 to 2017-03-01 UTC'
            """,
        "Examples/Spectra.dsdf": """
            description = 'Voyager 1 PWS spectra (Sample Dataset)'
            summary = 'Dynamic spectra generated from the '+$
                      'waveform source.'
            reader = 'probe_rdr --spec'
            das2Stream = 1
            techContact = 'Your Name <your.name@yourplace.edu>'
            validRange = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 UTC'
            exampleRange_00 = '1979-03-01T12:26:11 to 1979-03-01T12:29:24 | Bow shock crossing'
            param_00 = 'DFT_LEN | The length of each transform (default 800)'
            cacheLevel_00 = '250 ms | hourly'
            cacheLevel_10 = '1 s | daily'
            hapi = 1
            """,
        "Examples/Ephem.dsdf": """
            description = 'Spacecraft ephemeris'
            reader = 'probe_rdr --ephem'
            das2Stream = 1
            requiresInterval = 1
            reducer = 'not_reducible'
            techContact = 'Jane Doe <jane@example.edu>'
            exampleRange_00 = '2013-11-01 to 2013-11-02'
            exampleInterval_00 = 10800
            """,
        "Examples/Auth.dsdf": """
            description = 'Authentication test'
            reader = 'probe_rdr'
            reducer = not_reducible
            das2Stream = 1
            techContact = 'Your Name <your.name@yourplace.edu>'
            exampleRange_00 = '2017-01-01 to 2017-03-01 UTC'
            securityRealm = 'My Random Data Realm'
            readAccess = 'GROUP:testgroup'
            """,
        "Examples/Age.dsdf": """
            description = 'Embargoed source'
            reader = 'probe_rdr'
            das2Stream = 1
            readAccess = 'AGE:1y6m|USER:testuser'
            """,
        "Examples/AgeBad.dsdf": """
            description = 'Bad age rule'
            reader = 'probe_rdr'
            das2Stream = 1
            readAccess = 'AGE:18'
            """,
        "Examples/BadMeth.dsdf": """
            description = 'Unknown auth method'
            reader = 'probe_rdr'
            das2Stream = 1
            readAccess = 'HOST:1.2.3.4'
            """,
        "Examples/Remote.dsdf": """
            description = 'Hosted elsewhere'
            server = 'http://other.org/das/server'
            reader = 'probe_rdr'
            das2Stream = 1
            exampleRange_00 = '2017-01-01 to 2017-01-02'
            """,
        "Examples/Self.dsdf": """
            description = 'Points at this server'
            server = 'http://localhost/das/server/'
            reader = 'probe_rdr'
            das2Stream = 1
            """,
        "Examples/Moved.dsdf": """
            description = 'Old name of Random'
            rename = 'Examples/Random'
            reader = 'probe_rdr'
            das2Stream = 1
            """,
        "Examples/Hidden.dsdf": """
            description = 'Not in the list'
            hidden = 1
            reader = 'probe_rdr'
            das2Stream = 1
            exampleRange_00 = '2017-01-01 to 2017-01-02'
            """,
        "Examples/Failing.dsdf": """
            description = 'Reader always fails'
            reader = 'fail_rdr'
            das2Stream = 1
            """,
        "Examples/Mid.dsdf": """
            description = 'Reader fails after output'
            reader = 'mid_rdr'
            das2Stream = 1
            """,
        "Examples/Silent.dsdf": """
            description = 'Reader writes nothing'
            reader = 'true'
            das2Stream = 1
            """,
        "Examples/Qds.dsdf": """
            description = 'A QStream source'
            reader = 'probe_rdr --qds'
            qstream = 1
            """,
        "Examples/Survey.dsdf": """
            description = 'Survey'
            reader = 'probe_rdr'
            das2Stream = 1
            hapi = 1
            validRange = '2017-01-01 to now'
            exampleRange_00 = '2017-01-01 to 2017-01-02'
            subSource_00 = 'E | Electric | 0.0'
            subSource_01 = 'B | Magnetic | 0.0 | B'
            """,
        "Examples/HapiSecret.dsdf": """
            description = 'Protected HAPI source'
            reader = 'probe_rdr'
            das2Stream = 1
            hapi = 1
            validRange = '2017-01-01 to 2018-01-01'
            exampleRange_00 = '2017-01-01 to 2017-01-02'
            readAccess = 'GROUP:testgroup'
            """,
        "Examples/test/TestSrc.dsdf": """
            description = 'A test source'
            reader = 'probe_rdr'
            das2Stream = 1
            exampleRange = '2017-01-01 to 2017-01-02'
            """,
        "Top.dsdf": """
            description = 'Top level source'
            reader = 'probe_rdr'
            das2Stream = 1
            exampleRange_00 = '2017-01-01 to 2017-01-02'
            """,
    ]

    /// The HAPI programs of hapi.md §12.1, links in `<F>/bin` like the probe programs.
    public static let hapiProgramNames = ["fixture_rdr", "fixture_cut"]

    /// The stream files of hapi.md §12.1, copied to `<F>/streams`.
    public static let hapiStreamNames = ["hapi_mag.d2s", "hapi_spec.d2t", "hapi_mag_bin600.d2s"]

    /// The DSDF files of hapi.md §12.1 (relative path → text; `<F>` is the fixture root).
    public static let hapiDatasets: [String: String] = [
        "Hapi/Mag.dsdf": """
            description = 'Fixture magnetometer'
            summary = 'Three field components at one-minute cadence'
            reader = 'fixture_rdr <F>/streams/hapi_mag.d2s'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00 | One hour'
            item_00 = 'Bx | Field component along X | nT'
            cacheLevel_00 = '600 s | daily'
            hapiMaxRequestDuration = 'PT12H'
            """,
        "Hapi/Spec.dsdf": """
            description = 'Fixture spectra'
            reader = 'fixture_rdr <F>/streams/hapi_spec.d2t'
            reducer = 'not_reducible'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            """,
        "Hapi/Survey.dsdf": """
            description = 'Fixture survey'
            reader = 'fixture_rdr <F>/streams/hapi_mag.d2s'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            subSource_00 = 'E | Electric | 0 | --mode e'
            subSource_01 = 'B | Magnetic | 0 | --mode b'
            """,
        "Hapi/Cut.dsdf": """
            description = 'Fixture cut reader'
            reader = 'fixture_cut <F>/streams/hapi_mag.d2s'
            reducer = 'not_reducible'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            """,
        "Hapi/Secret.dsdf": """
            description = 'Fixture protected'
            reader = 'fixture_rdr <F>/streams/hapi_mag.d2s'
            reducer = 'not_reducible'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            readAccess = 'GROUP:testgroup'
            """,
        "Hapi/Broken.dsdf": """
            description = 'Fixture broken reader'
            reader = 'fail_rdr'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 1
            validRange = '2017-01-01 to 2017-01-02'
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            """,
        "Hapi/Off.dsdf": """
            description = 'Not for HAPI'
            reader = 'fixture_rdr <F>/streams/hapi_mag.d2s'
            das2Stream = 1
            techContact = 'Test Person <test@example.org>'
            hapi = 0
            exampleRange_00 = '2017-01-01T00:00 to 2017-01-01T01:00'
            """,
    ]

    /// A 1×1 PNG image for `static/logo.png`.
    public static let logoBytes: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// The text of `static/das2server.css`.
    public static let styleSheet = "body { font-family: sans-serif; }\n"

    private func build(probe: String) throws {
        let manager = FileManager.default
        for directory in ["etc", "static", "cache", "log", "bin", "probe", "datasets/Empty/Sub"] {
            try manager.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try write("etc/das2server.conf", configurationText)
        try write("etc/passwd", "testuser:lLp764MZK2EPo\n")
        try write("etc/group", "testgroup:::testuser\n")
        try write("etc/das2peers.ini", """
            [zeus]
            url = https://zeus.physics.uiowa.edu/das/server
            description = Radio astronomy & LWA-1

            [planet]
            url = http://planet.physics.uiowa.edu/das/das2Server

            """)
        if options.logo {
            try Data(Self.logoBytes).write(to: URL(fileURLWithPath: root + "/static/logo.png"))
        }
        try write("static/das2server.css", Self.styleSheet)
        for (path, text) in Self.datasets {
            try write("datasets/" + path, text + "\n")
        }
        if let streams = options.hapiStreams {
            try manager.createDirectory(atPath: root + "/streams", withIntermediateDirectories: true)
            for name in Self.hapiStreamNames {
                try manager.copyItem(atPath: streams + "/" + name, toPath: root + "/streams/" + name)
            }
            for (path, text) in Self.hapiDatasets {
                try write("datasets/" + path, text.replacing("<F>", with: root) + "\n")
            }
        }
        for (path, text) in options.extraFiles {
            try write(path, text.replacing("<F>", with: root))
        }
        for name in Self.probeNames + (options.hapiStreams == nil ? [] : Self.hapiProgramNames) {
            try manager.createSymbolicLink(atPath: root + "/bin/" + name, withDestinationPath: probe)
        }
    }

    private func write(_ relativePath: String, _ text: String) throws {
        let path = root + "/" + relativePath
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
