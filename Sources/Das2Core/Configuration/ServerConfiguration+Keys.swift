/// The background work queue selected by `WORK_QUEUE_BROKER` (config.md §2.5).
public enum WorkQueueBroker: Hashable, Sendable {
    /// The embedded spool queue under `CACHE_ROOT` (key absent; DG-8).
    case spool
    /// A Redis server at `WORK_QUEUE_CONN` (`redis`, any case).
    case redis
    /// Any other value: background tasks are disabled and the server logs an error.
    case unsupported(String)
}

// Typed accessors of config.md §2.1–2.5 and the project keys. An empty value counts as
// absent, so that a key written `KEY = ""` falls back to its default or alias.
extension ServerConfiguration {
    // MARK: Site identity and pages (§2.1)

    /// `SITE_NAME`, else `SITE_IDENTITY`: the organization name of the id query.
    public var siteName: String? { text("SITE_NAME", "SITE_IDENTITY") }
    /// `SERVER_ID`: the short token distinguishing this server.
    public var serverID: String? { text("SERVER_ID") }
    /// `CONTACT_EMAIL` (may hold character references such as `&#64;`).
    public var contactEmail: String? { text("CONTACT_EMAIL") }
    /// `CONTACT_URL` (DG-2).
    public var contactURL: String? { text("CONTACT_URL") }
    /// `STYLE_SHEET`, default `das2server.css`: a file name under the static resources.
    public var styleSheet: String { text("STYLE_SHEET") ?? "das2server.css" }
    /// `SAMPLE_DSDF`: the example source name of the landing page.
    public var sampleDSDF: String? { text("SAMPLE_DSDF") }
    /// `SAMPLE_START`: the begin of the landing page example.
    public var sampleStart: String? { text("SAMPLE_START") }
    /// `SAMPLE_END`: the end of the landing page example.
    public var sampleEnd: String? { text("SAMPLE_END") }
    /// `VIEW_LOG_URL`: the href of the log reader.
    public var viewLogURL: String? { text("VIEW_LOG_URL") }
    /// `MAIN_SRV_URL`, else `MAIN_SERVER_URL`, default `server`: the log reader's link back.
    public var mainServerURL: String { text("MAIN_SRV_URL", "MAIN_SERVER_URL") ?? "server" }
    /// `SITE_PATHURI`, else `SITE_PATH_URI`: the federated-catalog path prefix.
    public var sitePathURI: String? { text("SITE_PATHURI", "SITE_PATH_URI") }
    /// `SITE_CATALOG_TAG`: the RFC 4151 tag of the site (external catalog tools only).
    public var siteCatalogTag: String? { text("SITE_CATALOG_TAG") }
    /// `SITE_ID`: the site id of the federated catalog (external catalog tools only).
    public var siteID: String? { text("SITE_ID") }

    // MARK: Paths (§2.2)

    /// `DSDF_ROOT`: the root of the DSDF tree.
    public var dsdfRoot: String? { text("DSDF_ROOT") }
    /// `CACHE_ROOT`: the cache tree; without it caching is disabled (DG-3).
    public var cacheRoot: String? { text("CACHE_ROOT") }
    /// `RESOURCE_PATH`, else `RESOURCE_ROOT`: the static files.
    public var resourcePath: String? { text("RESOURCE_PATH", "RESOURCE_ROOT") }
    /// `LOG_PATH`: the log directory.
    public var logPath: String? { text("LOG_PATH") }
    /// `PEERS_FILE`: the peers list (``PeerList``).
    public var peersFile: String? { text("PEERS_FILE") }
    /// `USER_PASSWD`: the password file.
    public var passwordFile: String? { text("USER_PASSWD") }
    /// `USER_GROUP`: the group file.
    public var groupFile: String? { text("USER_GROUP") }
    /// `BIN_PATH` split on `:` (whatever the OS), empty entries dropped; see
    /// ``prependingPaths(_:to:)``.
    public var binPath: [String] { pathList("BIN_PATH") }
    /// `LIB_PATH` split on `:`, empty entries dropped.
    public var libPath: [String] { pathList("LIB_PATH") }

    // MARK: Programs (§2.3)

    /// `D2S_REDUCER`, default `das2_bin_avgsec`: the reducer of das2 sources without `reducer`.
    public var das2Reducer: String { text("D2S_REDUCER") ?? "das2_bin_avgsec" }
    /// `QDS_REDUCER`: the reducer of QStream sources without `reducer` (none → no reduction).
    public var qstreamReducer: String? { text("QDS_REDUCER") }
    /// `D2S_CACHE_RDR`, default `das2_cache_rdr`.
    public var das2CacheReader: String { text("D2S_CACHE_RDR") ?? "das2_cache_rdr" }
    /// `QDS_CACHE_RDR`, default `das2_cache_rdr`.
    public var qstreamCacheReader: String { text("QDS_CACHE_RDR") ?? "das2_cache_rdr" }
    /// `D2S_TO_UTF8`, else `D2S_TOASCII`: the das2 binary-to-text converter for `ascii=1`.
    public var das2ToUTF8: String? { text("D2S_TO_UTF8", "D2S_TOASCII") }
    /// `QDS_TO_UTF8`, else `QDS_TOASCII`: the QStream binary-to-text converter.
    public var qstreamToUTF8: String? { text("QDS_TO_UTF8", "QDS_TOASCII") }
    /// `DAS1_TO_DAS2`, default `das2_from_das1`: the converter of legacy das1 sources.
    public var das1ToDas2: String { text("DAS1_TO_DAS2") ?? "das2_from_das1" }
    /// `PNG_MAKER`: the image program of `server=image` (none → 501).
    public var pngMaker: String? { text("PNG_MAKER") }

    // MARK: Behaviour switches (§2.4)

    /// `IGNORE_REDIRECT`: true for `1` or `true` (any case).
    public var ignoreRedirect: Bool { flag("IGNORE_REDIRECT", true: ["1", "true"]) }
    /// `ENABLE_HAPI_SUBSYS`: true for `true`, `yes` or `1` (any case).
    public var enableHAPI: Bool { flag("ENABLE_HAPI_SUBSYS", true: ["true", "yes", "1"]) }
    /// `DAS23_PROTOTYPE`: true for `true`, `yes` or `1` (any case).
    public var das23Prototype: Bool { flag("DAS23_PROTOTYPE", true: ["true", "yes", "1"]) }
    /// `SKIP_LOWCASE`: true for `true`, `yes` or `1` (any case).
    public var skipLowercase: Bool { flag("SKIP_LOWCASE", true: ["true", "yes", "1"]) }
    /// `SECURITY_REALM`: the default realm of protected sources without `securityRealm`.
    public var securityRealm: String? { text("SECURITY_REALM") }
    /// `TEST_FROM` split on blanks: addresses and CIDR ranges of trusted clients (as text).
    public var testFrom: [String] { self["TEST_FROM"]?.asciiWords ?? [] }
    /// `VIEW_LOG_ALLOW` split on blanks: addresses allowed to use the log reader.
    public var viewLogAllow: [String] { self["VIEW_LOG_ALLOW"]?.asciiWords ?? [] }

    // MARK: Work queue (§2.5)

    /// `WORK_QUEUE_BROKER`: absent → the spool queue, `redis` (any case) → Redis.
    public var workQueueBroker: WorkQueueBroker {
        guard let broker = text("WORK_QUEUE_BROKER") else { return .spool }
        return broker.lowercased() == "redis" ? .redis : .unsupported(broker)
    }
    /// `WORK_QUEUE_CONN`, default `localhost:6379:0`: the Redis `host:port:database`.
    public var workQueueConnection: String { text("WORK_QUEUE_CONN") ?? "localhost:6379:0" }

    // MARK: Project keys

    /// `READER_IDLE_TIMEOUT` in seconds, default 300: a pipeline that writes nothing for this
    /// long is killed (server-protocol.md §4.8, DEV-37). 0 means no limit.
    public var readerIdleTimeout: Double { seconds("READER_IDLE_TIMEOUT") ?? 300 }
    /// `READER_MAX_SECONDS`, default 0 = no limit: the longest total run time of a pipeline.
    public var readerMaxSeconds: Double { seconds("READER_MAX_SECONDS") ?? 0 }
    /// `BUILTIN_REDUCERS`: whether built-in tools run in-process; true unless `false`, `0`
    /// or `no` (any case).
    public var builtinReducers: Bool { !flag("BUILTIN_REDUCERS", true: ["false", "0", "no"]) }

    /// Puts directories in front of a search path such as `PATH` or `LD_LIBRARY_PATH`
    /// (config.md §2.2).
    ///
    /// Each entry not already in the path is inserted in front, in the given order; entries
    /// already present stay where they are. An unset (or empty) path becomes exactly the
    /// entries.
    /// - Parameters:
    ///   - entries: The directories to add, e.g. ``binPath``.
    ///   - current: The current value of the variable, `nil` when unset.
    /// - Returns: The new value, entries joined with `:`.
    public static func prependingPaths(_ entries: [String], to current: String?) -> String {
        guard let current, !current.isEmpty else { return entries.joined(separator: ":") }
        // Byte comparisons: this runs for every data request, and `PATH` is long.
        let existing = current.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var added: [String] = []
        for entry in entries
        where !existing.contains(where: { $0.elementsEqual(entry.utf8) }) && !added.contains(where: { $0.utf8.elementsEqual(entry.utf8) }) {
            added.append(entry)
        }
        return (added + [current]).joined(separator: ":")
    }

    /// The value of `key` when not empty, else that of `alternate` when given and not empty.
    /// (Two parameters rather than a variadic list: several of these are read per request.)
    private func text(_ key: String, _ alternate: String? = nil) -> String? {
        if let value = self[key], !value.isEmpty { return value }
        guard let alternate, let value = self[alternate], !value.isEmpty else { return nil }
        return value
    }

    private func flag(_ key: String, true values: Set<String>) -> Bool {
        guard let value = self[key] else { return false }
        return values.contains(value.lowercased())
    }

    private func pathList(_ key: String) -> [String] {
        (self[key] ?? "").split(separator: ":").map(String.init)
    }

    /// A time limit in seconds, as ``timeLimit(_:)`` reads it.
    private func seconds(_ key: String) -> Double? {
        Self.timeLimit(text(key))
    }

    /// The longest time limit a configuration or DSDF value may set, in seconds (about 31
    /// years): larger values are taken as this, so that limits convert to milliseconds
    /// without overflow.
    public static let maximumTimeLimit: Double = 1e9

    /// A time limit in seconds as a configuration or DSDF value writes it (`READER_IDLE_TIMEOUT`,
    /// `readerMaxSeconds`, …): a finite number ≥ 0 (blanks ignored), at most
    /// ``maximumTimeLimit``; nil for anything else.
    public static func timeLimit(_ text: String?) -> Double? {
        guard let text, let value = Double(text.filter { $0 != " " }), value.isFinite, value >= 0 else { return nil }
        return min(value, maximumTimeLimit)
    }
}
