import Das2Core

/// What `das2_cache_rdr` is asked to read: its command line (cache-and-queue.md §4.1).
///
/// `das2_cache_rdr [-p PAD | --pad=PAD] DSDF_FILE CACHE_DIR NORM_PARAMS BEGIN END RES`
public struct CacheReadRequest: Hashable, Sendable {
    /// The source's DSDF file; only its `cacheLevel` keys are used.
    public var dsdfPath: String
    /// `CACHE_ROOT/data/<name>`.
    public var cacheDirectory: String
    /// The normalized parameters, `_noparam` for none.
    public var normalizedParameters: String
    /// The begin time as given, one trailing `Z` removed.
    public var begin: String
    /// The end time as given, one trailing `Z` removed.
    public var end: String
    /// The requested resolution in seconds as given: a number, or `intrinsic` (any case) for 0.
    public var resolution: String
    /// Seconds added on both sides of the range, ≥ 0.
    public var pad: Double

    /// Creates a request from its values.
    /// - Parameters:
    ///   - dsdfPath: The DSDF file.
    ///   - cacheDirectory: `CACHE_ROOT/data/<name>`.
    ///   - normalizedParameters: The normalized parameters.
    ///   - begin: The begin time; one trailing `Z` is removed.
    ///   - end: The end time; one trailing `Z` is removed.
    ///   - resolution: The resolution text.
    ///   - pad: The padding in seconds.
    public init(
        dsdfPath: String, cacheDirectory: String, normalizedParameters: String, begin: String, end: String,
        resolution: String, pad: Double = 0
    ) {
        self.dsdfPath = dsdfPath
        self.cacheDirectory = cacheDirectory
        self.normalizedParameters = normalizedParameters
        self.begin = Self.withoutZone(begin)
        self.end = Self.withoutZone(end)
        self.resolution = resolution
        self.pad = pad
    }

    /// Parses the words after the program name with the tool's rules (tools.md §6.1, §10 row 23).
    ///
    /// Options come first: `-p PAD`, `--pad PAD` or `--pad=PAD` (as `getopt_long` takes them),
    /// PAD read with C `strtod` prefix rules
    /// (`60s` is 60) and ≥ 0. Then exactly six operands. Help options are not handled here.
    /// - Parameter arguments: The words after the program name.
    /// - Throws: ``CacheReaderError`` with status 13: `Error argument missing for pad (-p) option`,
    ///   `Couldn't convert X to a positive real value`, or
    ///   `Unexpected number of command line arguments <argc> <first operand index>`.
    public init(arguments: [String]) throws(CacheReaderError) {
        var pad = 0.0
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let text: String
            if argument == "-p" || argument == "--pad" {
                guard index + 1 < arguments.count else {
                    throw CacheReaderError("Error argument missing for pad (-p) option", exitStatus: 13)
                }
                text = arguments[index + 1]
                index += 2
            } else if argument.hasPrefix("--pad=") {
                text = String(argument.dropFirst(6))
                index += 1
            } else {
                break
            }
            guard let value = CNumberParser.parseDouble(text)?.value, value.isFinite, value >= 0 else {
                throw CacheReaderError("Couldn't convert \(text) to a positive real value", exitStatus: 13)
            }
            pad = value
        }
        let operands = arguments[index...]
        guard operands.count == 6 else {
            throw CacheReaderError(
                "Unexpected number of command line arguments \(arguments.count + 1) \(index + 1)", exitStatus: 13)
        }
        let values = Array(operands)
        self.init(
            dsdfPath: values[0], cacheDirectory: values[1], normalizedParameters: values[2], begin: values[3],
            end: values[4], resolution: values[5], pad: pad)
    }

    private static func withoutZone(_ text: String) -> String {
        text.hasSuffix("Z") ? String(text.dropLast()) : text
    }
}
