import Testing
import Das2Core

/// `das2server.conf` syntax and keys (config.md §1–§2).
struct ServerConfigurationTests {
    static func parse(_ lines: [String], path: String = "/etc/das2server.conf") throws(Das2CoreError) -> ServerConfiguration {
        try ServerConfiguration(parsing: Array(lines.joined(separator: "\n").utf8), path: path)
    }

    /// The fixture configuration of conformance-cases.md §0.2.
    static let fixture = [
        "SITE_NAME = \"Test Site\"",
        "SERVER_ID = \"test\"",
        "DSDF_ROOT = \"<F>/datasets\"",
        "CACHE_ROOT = \"<F>/cache\"",
        "RESOURCE_PATH = \"<F>/static\"",
        "LOG_PATH = \"<F>/log\"",
        "BIN_PATH = \"<F>/bin\"",
        "USER_PASSWD = \"<F>/etc/passwd\"",
        "USER_GROUP = \"<F>/etc/group\"",
        "PEERS_FILE = \"<F>/etc/das2peers.ini\"",
        "D2S_REDUCER = \"probe_red\"",
        "D2S_CACHE_RDR = \"probe_cache\"",
        "D2S_TO_UTF8 = \"probe_ascii\"",
        "TEST_FROM = 127.0.0.1",
        "ENABLE_HAPI_SUBSYS = true",
        "SITE_PATHURI = \"tag:das2.org,2012:test:/fixture\"",
        "WORK_QUEUE_BROKER = redis",
        "WORK_QUEUE_CONN = localhost:6379:15",
    ]

    @Test func fixtureConfiguration() throws {
        let configuration = try Self.parse(Self.fixture)
        #expect(configuration.siteName == "Test Site")
        #expect(configuration.serverID == "test")
        #expect(configuration.dsdfRoot == "<F>/datasets")
        #expect(configuration.cacheRoot == "<F>/cache")
        #expect(configuration.resourcePath == "<F>/static")
        #expect(configuration.logPath == "<F>/log")
        #expect(configuration.binPath == ["<F>/bin"])
        #expect(configuration.libPath == [])
        #expect(configuration.passwordFile == "<F>/etc/passwd")
        #expect(configuration.groupFile == "<F>/etc/group")
        #expect(configuration.peersFile == "<F>/etc/das2peers.ini")
        #expect(configuration.das2Reducer == "probe_red")
        #expect(configuration.das2CacheReader == "probe_cache")
        #expect(configuration.das2ToUTF8 == "probe_ascii")
        #expect(configuration.testFrom == ["127.0.0.1"])
        #expect(configuration.enableHAPI)
        #expect(configuration.sitePathURI == "tag:das2.org,2012:test:/fixture")
        #expect(configuration.workQueueBroker == .redis)
        #expect(configuration.workQueueConnection == "localhost:6379:15")
        #expect(configuration.keys.count == Self.fixture.count)
        #expect(configuration.path == "/etc/das2server.conf")
    }

    @Test func defaultsOfAnEmptyFile() throws {
        let configuration = try Self.parse(["# nothing here", ""])
        #expect(configuration.keys.isEmpty)
        #expect(configuration.siteName == nil)
        #expect(configuration.styleSheet == "das2server.css")
        #expect(configuration.mainServerURL == "server")
        #expect(configuration.das2Reducer == "das2_bin_avgsec")
        #expect(configuration.qstreamReducer == nil)
        #expect(configuration.das2CacheReader == "das2_cache_rdr")
        #expect(configuration.qstreamCacheReader == "das2_cache_rdr")
        #expect(configuration.das1ToDas2 == "das2_from_das1")
        #expect(configuration.das2ToUTF8 == nil)
        #expect(configuration.pngMaker == nil)
        #expect(!configuration.ignoreRedirect)
        #expect(!configuration.enableHAPI)
        #expect(!configuration.das23Prototype)
        #expect(!configuration.skipLowercase)
        #expect(configuration.testFrom == [])
        #expect(configuration.viewLogAllow == [])
        #expect(configuration.workQueueBroker == .spool)
        #expect(configuration.workQueueConnection == "localhost:6379:0")
        #expect(configuration.readerIdleTimeout == 300)
        #expect(configuration.readerMaxSeconds == 0)
        #expect(configuration.builtinReducers)
        #expect(configuration.binPath == [])
    }

    @Test func documentedAliasesAreAccepted() throws {
        let configuration = try Self.parse([
            "SITE_IDENTITY = Old Site", "RESOURCE_ROOT = /static", "SITE_PATH_URI = tag:x", "MAIN_SERVER_URL = main",
            "D2S_TOASCII = das2_ascii", "QDS_TOASCII = qds_ascii",
        ])
        #expect(configuration.siteName == "Old Site")
        #expect(configuration.resourcePath == "/static")
        #expect(configuration.sitePathURI == "tag:x")
        #expect(configuration.mainServerURL == "main")
        #expect(configuration.das2ToUTF8 == "das2_ascii")
        #expect(configuration.qstreamToUTF8 == "qds_ascii")
    }

    @Test func primaryNamesWinOverAliases() throws {
        let configuration = try Self.parse([
            "SITE_IDENTITY = Old", "SITE_NAME = New", "RESOURCE_ROOT = /old", "RESOURCE_PATH = /new",
            "MAIN_SERVER_URL = old", "MAIN_SRV_URL = new", "D2S_TOASCII = old", "D2S_TO_UTF8 = new",
        ])
        #expect(configuration.siteName == "New")
        #expect(configuration.resourcePath == "/new")
        #expect(configuration.mainServerURL == "new")
        #expect(configuration.das2ToUTF8 == "new")
    }

    @Test(arguments: [
        ("SITE_NAME = \"My Site\"", "My Site"), ("SITE_NAME = My Site", "My Site"), ("SITE_NAME='My Site'", "My Site"),
        ("SITE_NAME = \"'My Site'\" ", "My Site"), ("SITE_NAME =\t My Site \t", "My Site"),
        ("SITE_NAME = a = b", "a = b"), ("SITE_NAME = \"x # y\" # comment", "x # y"), ("SITE_NAME = x # y", "x"),
        ("SITE_NAME = it's", "it's"), ("  SITE_NAME  = x", "x"),
    ])
    func valuesLoseBlanksAndQuotes(line: String, value: String) throws {
        #expect(try Self.parse([line])["SITE_NAME"] == value)
    }

    @Test func shippedContactEmailExampleKeepsItsHash() throws {
        let configuration = try Self.parse(["CONTACT_EMAIL = \"update&#45;me&#64;example&#46;org\""])
        #expect(configuration.contactEmail == "update&#45;me&#64;example&#46;org")
    }

    @Test(arguments: [
        (["SITE_NAME"], 1), (["A = 1", "# c", "", "= 1"], 4), (["A = 1", "B ="], 2), (["A = 1", "B = # x"], 2),
        (["A = \"#\"", "X"], 2),
    ])
    func malformedLinesNameTheFileAndLine(lines: [String], line: Int) {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in /etc/das2server.conf line \(line)")) {
            try Self.parse(lines)
        }
    }

    @Test func laterDuplicatesReplaceAndKeysAreCaseSensitive() throws {
        let configuration = try Self.parse(["SITE_NAME = a", "site_name = b", "SITE_NAME = c"])
        #expect(configuration.siteName == "c")
        #expect(configuration["site_name"] == "b")
        #expect(configuration.keys == ["SITE_NAME", "site_name"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndIsAccepted(end: String) throws {
        let text = "A = 1" + end + "B = 2" + end + "bad" + end
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in c.conf line 3")) {
            try ServerConfiguration(parsing: Array(text.utf8), path: "c.conf")
        }
        let good = try ServerConfiguration(parsing: Array(("A = 1" + end + "B = 2" + end).utf8), path: "c.conf")
        #expect(good["B"] == "2")
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: Das2CoreError(.invalidConfiguration, "Error in c.conf line 2: the text is not valid UTF-8")) {
            try ServerConfiguration(parsing: Array("A = 1\nB = ".utf8) + [0xC3], path: "c.conf")
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let configuration = try ServerConfiguration(parsing: [0xEF, 0xBB, 0xBF] + Array("SITE_NAME = x".utf8), path: "c")
        #expect(configuration.siteName == "x")
    }

    @Test(arguments: [
        ("IGNORE_REDIRECT", "1", true), ("IGNORE_REDIRECT", "TRUE", true), ("IGNORE_REDIRECT", "yes", false),
        ("IGNORE_REDIRECT", "false", false), ("ENABLE_HAPI_SUBSYS", "Yes", true), ("ENABLE_HAPI_SUBSYS", "1", true),
        ("ENABLE_HAPI_SUBSYS", "on", false), ("DAS23_PROTOTYPE", "true", true), ("SKIP_LOWCASE", "YES", true),
        ("SKIP_LOWCASE", "0", false),
    ])
    func booleansHaveTheirOwnTrueSets(key: String, value: String, expected: Bool) throws {
        let configuration = try Self.parse(["\(key) = \(value)"])
        let flags = [
            "IGNORE_REDIRECT": configuration.ignoreRedirect, "ENABLE_HAPI_SUBSYS": configuration.enableHAPI,
            "DAS23_PROTOTYPE": configuration.das23Prototype, "SKIP_LOWCASE": configuration.skipLowercase,
        ]
        #expect(flags[key] == expected)
    }

    @Test(arguments: [("false", false), ("0", false), ("NO", false), ("true", true), ("whatever", true), ("", true)])
    func builtinReducersAreOnUnlessDisabled(value: String, expected: Bool) throws {
        #expect(try Self.parse(["BUILTIN_REDUCERS = \"\(value)\""]).builtinReducers == expected)
    }

    @Test(arguments: [("REDIS", WorkQueueBroker.redis), ("spool", .unsupported("spool")), ("\"\"", .spool)])
    func workQueueBrokerSelection(value: String, broker: WorkQueueBroker) throws {
        #expect(try Self.parse(["WORK_QUEUE_BROKER = \(value)"]).workQueueBroker == broker)
    }

    @Test func emptyValuesFallBackToDefaults() throws {
        let configuration = try Self.parse(["D2S_REDUCER = \"\"", "SITE_NAME = ''", "SITE_IDENTITY = Fallback"])
        #expect(configuration.das2Reducer == "das2_bin_avgsec")
        #expect(configuration.siteName == "Fallback")
        #expect(configuration["D2S_REDUCER"] == "")
    }

    @Test func pathListsSplitOnColons() throws {
        let configuration = try Self.parse(["BIN_PATH = /a/bin:/b/bin::/c/bin:", "LIB_PATH = /a/lib"])
        #expect(configuration.binPath == ["/a/bin", "/b/bin", "/c/bin"])
        #expect(configuration.libPath == ["/a/lib"])
    }

    @Test func addressListsSplitOnBlanks() throws {
        let configuration = try Self.parse(["TEST_FROM = 127.0.0.1  ::1\t10.0.0.0/8", "VIEW_LOG_ALLOW = 10.0.0.5 10.0.0.6"])
        #expect(configuration.testFrom == ["127.0.0.1", "::1", "10.0.0.0/8"])
        #expect(configuration.viewLogAllow == ["10.0.0.5", "10.0.0.6"])
    }

    @Test func readerTimeLimits() throws {
        let configuration = try Self.parse(["READER_IDLE_TIMEOUT = 12.5", "READER_MAX_SECONDS = 3600"])
        #expect(configuration.readerIdleTimeout == 12.5)
        #expect(configuration.readerMaxSeconds == 3600)
    }

    @Test(arguments: [("READER_IDLE_TIMEOUT", "five"), ("READER_MAX_SECONDS", "-1"), ("READER_IDLE_TIMEOUT", "inf")])
    func badTimeLimitsAreErrors(key: String, value: String) {
        #expect(throws: Das2CoreError(
            .invalidConfiguration, "Error in c.conf line 2: \(key) must be a number of seconds ≥ 0, not '\(value)'")
        ) {
            try ServerConfiguration(parsing: Array("A = 1\n\(key) = \(value)\n".utf8), path: "c.conf")
        }
    }

    @Test func remainingKeysOfTheTables() throws {
        let configuration = try Self.parse([
            "CONTACT_URL = https://x.org/help", "SAMPLE_DSDF = Examples/Spectra", "SAMPLE_START = 2017-01-01",
            "SAMPLE_END = 2017-01-02", "VIEW_LOG_URL = log", "SITE_CATALOG_TAG = tag:x.org,2019:site", "SITE_ID = x",
            "QDS_REDUCER = q_red", "QDS_CACHE_RDR = q_cache", "QDS_TO_UTF8 = q_ascii", "DAS1_TO_DAS2 = d1",
            "PNG_MAKER = png", "SECURITY_REALM = Realm",
        ])
        #expect(configuration.contactURL == "https://x.org/help")
        #expect(configuration.sampleDSDF == "Examples/Spectra")
        #expect(configuration.sampleStart == "2017-01-01")
        #expect(configuration.sampleEnd == "2017-01-02")
        #expect(configuration.viewLogURL == "log")
        #expect(configuration.siteCatalogTag == "tag:x.org,2019:site")
        #expect(configuration.siteID == "x")
        #expect(configuration.qstreamReducer == "q_red")
        #expect(configuration.qstreamCacheReader == "q_cache")
        #expect(configuration.qstreamToUTF8 == "q_ascii")
        #expect(configuration.das1ToDas2 == "d1")
        #expect(configuration.pngMaker == "png")
        #expect(configuration.securityRealm == "Realm")
    }

    @Test func shippedExampleOfSection2Point8() throws {
        let configuration = try Self.parse([
            "SITE_NAME   = \"My Data Source Site\"", "SERVER_ID   = \"solar_orbiter_2\"",
            "DSDF_ROOT   = \"/usr/local/das2srv/datasets\"", "IGNORE_REDIRECT = false", "TEST_FROM = 127.0.0.1",
            "WORK_QUEUE_BROKER = redis", "#ENABLE_HAPI_SUBSYS = true",
        ])
        #expect(configuration.siteName == "My Data Source Site")
        #expect(configuration.serverID == "solar_orbiter_2")
        #expect(!configuration.ignoreRedirect)
        #expect(!configuration.enableHAPI)
        #expect(configuration["ENABLE_HAPI_SUBSYS"] == nil)
    }

    @Test(arguments: [
        ([String](), nil, ""), (["/a", "/b"], nil, "/a:/b"), (["/a", "/b"], "", "/a:/b"),
        (["/a", "/b"], "/usr/bin:/bin", "/a:/b:/usr/bin:/bin"), (["/bin", "/a"], "/usr/bin:/bin", "/a:/usr/bin:/bin"),
        (["/a", "/a"], "/x", "/a:/x"), ([], "/x", "/x"), (["/usr/bin"], "/usr/bin", "/usr/bin"),
    ] as [([String], String?, String)])
    func pathMungingPrependsMissingEntriesInOrder(entries: [String], current: String?, expected: String) {
        #expect(ServerConfiguration.prependingPaths(entries, to: current) == expected)
    }
}
