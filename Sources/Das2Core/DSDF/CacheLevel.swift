/// One pre-reduced cache level of a data source: a DSDF `cacheLevel_N` key (dsdf.md §4.7).
///
/// The value is `RESOLUTION | BLOCK [| PARAMS]`: `intrinsic` or `<N> s|ms`, a block scheme,
/// and optional reader parameters whose normalized form selects the level
/// (cache-and-queue.md §3).
public struct CacheLevel: Hashable, Sendable {
    /// The level number: `N` of `cacheLevel_N`, 0 for `cacheLevel`.
    public var number: Int
    /// The key the level comes from.
    public var key: String
    /// The resolution in seconds: 0 for `intrinsic`, `N` for seconds, `N / 1000` for ms.
    public var resolutionSeconds: Double
    /// The resolution directory of the cache tree: `intrinsic`, `bin-<N>s` or `bin-<N>ms`.
    public var resolutionDirectory: String
    /// How the level divides time into cache blocks.
    public var block: CoverageBlockScheme
    /// The reader parameters (third field), or `nil` when absent or empty.
    public var parameters: String?
    /// The normalized parameters (dsdf.md §7), `_noparam` without parameters.
    public var normalizedParameters: String

    /// Creates a cache level from its parts.
    /// - Parameters:
    ///   - number: The level number.
    ///   - key: The DSDF key.
    ///   - resolutionSeconds: The resolution in seconds, 0 for intrinsic.
    ///   - resolutionDirectory: `intrinsic`, `bin-<N>s` or `bin-<N>ms`.
    ///   - block: The block scheme.
    ///   - parameters: The reader parameters, or `nil`.
    ///   - normalizedParameters: The normalized parameters.
    public init(
        number: Int, key: String, resolutionSeconds: Double, resolutionDirectory: String, block: CoverageBlockScheme,
        parameters: String?, normalizedParameters: String
    ) {
        self.number = number
        self.key = key
        self.resolutionSeconds = resolutionSeconds
        self.resolutionDirectory = resolutionDirectory
        self.block = block
        self.parameters = parameters
        self.normalizedParameters = normalizedParameters
    }
}

extension DSDF {
    /// The cache levels of this source (dsdf.md §4.7), ordered by level number.
    ///
    /// Keys are `cacheLevel` (level 0) and `cacheLevel_N` (N decimal, leading zeros
    /// allowed); keys are read in plain-string order and a later key with the same number
    /// replaces an earlier one (as the Python reference does), with a warning. A level with
    /// a resolution unit other than seconds or milliseconds, or an unknown block scheme, is
    /// left out and reported in `warnings` for the server to log (DD-19).
    /// - Returns: The usable levels and the warnings.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` and a message starting
    ///   `Misconfigured Data Source <name>: `, followed by `Invalid Keyword: <key>`,
    ///   `Missing information in DSDF keyword <key>` (fewer than 2 fields),
    ///   `Extra information in DSDF keyword <key>` (more than 3), `Poorly formed datum …`
    ///   (a resolution that is not two words) or `Resolution … is not a positive integer`
    ///   (DD-11).
    public func cacheLevels() throws(Das2CoreError) -> (levels: [CacheLevel], warnings: [String]) {
        var levels: [Int: CacheLevel] = [:]
        var warnings: [String] = []
        let keys = entries.map(\.key)
            .filter { $0.split(separator: "_", omittingEmptySubsequences: false).first == "cacheLevel" }
            .sorted { $0.precedesByCodePoint($1) }
        for key in keys {
            switch try cacheLevel(key: key) {
            case .level(let level):
                if let replaced = levels[level.number] {
                    warnings.append("Cache level \(replaced.key) is replaced by \(key) (both are level \(level.number))")
                }
                levels[level.number] = level
            case .ignored(let reason):
                warnings.append("Cache level \(key) of \(name) ignored: \(reason)")
            }
        }
        return (levels.values.sorted { $0.number < $1.number }, warnings)
    }

    private enum ParsedCacheLevel {
        case level(CacheLevel)
        case ignored(String)
    }

    private func cacheLevel(key: String) throws(Das2CoreError) -> ParsedCacheLevel {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        let number: Int
        if parts.count == 1 {
            number = 0
        } else if parts.count == 2, !parts[1].isEmpty, parts[1].utf8.allSatisfy(DSDF.isDigit),
            let parsed = Int(parts[1])
        {
            number = parsed
        } else {
            throw misconfigured("Invalid Keyword: \(key)")
        }

        let fields = PipeList.split(self[key] ?? "", escapes: false)
        if fields.count < 2 { throw misconfigured("Missing information in DSDF keyword \(key)") }
        if fields.count > 3 { throw misconfigured("Extra information in DSDF keyword \(key)") }

        let seconds: Double
        let directory: String
        if fields[0] == "intrinsic" {
            seconds = 0
            directory = "intrinsic"
        } else {
            let datum = fields[0].asciiWords
            guard datum.count == 2 else {
                throw misconfigured("Poorly formed datum, '\(fields[0])', in value for DSDF keyword \(key)")
            }
            guard datum[0].utf8.allSatisfy(DSDF.isDigit), let count = Int(datum[0]), count > 0 else {
                throw misconfigured("Resolution '\(datum[0])' in DSDF keyword \(key) is not a positive integer")
            }
            switch datum[1].lowercased() {
            case "s", "sec", "second", "seconds":
                seconds = Double(count)
                directory = "bin-\(count)s"
            case "ms", "millisec", "millisecond", "milliseconds":
                seconds = Double(count) / 1000
                directory = "bin-\(count)ms"
            default:
                return .ignored("unknown resolution unit '\(datum[1])' (use s or ms)")
            }
        }
        guard let block = CoverageBlockScheme(rawValue: fields[1]) else {
            return .ignored("unknown block scheme '\(fields[1])'")
        }
        let parameters = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
        return .level(CacheLevel(
            number: number, key: key, resolutionSeconds: seconds, resolutionDirectory: directory, block: block,
            parameters: parameters, normalizedParameters: ReaderParameters(parameters).normalized))
    }

    private func misconfigured(_ message: String) -> Das2CoreError {
        Das2CoreError(.invalidConfiguration, "Misconfigured Data Source \(name): \(message)")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
