import Das2Core

/// A `TASK_CACHE` task that passed validation (cache-and-queue.md §7.4 step 1): everything the
/// builder needs to run it.
struct CacheJob: Sendable {
    /// A level to build and the reducer of its blocks (nil for the intrinsic level).
    struct Level: Sendable {
        var level: CacheLevel
        var reducer: String?
    }

    /// Why a task is rejected; the message becomes the task's status.
    struct Rejection: Error {
        var message: String
    }

    var dataset: String
    var format: CacheStreamFormat
    var reader: String
    var layout: CacheLayout
    var levels: [Level]
    var begin: DasTime
    var end: DasTime
    /// `readerIdleTimeout` of the DSDF, else `READER_IDLE_TIMEOUT`; 0 for no limit.
    var idleTimeout: Double
    /// `readerMaxSeconds` of the DSDF, else `READER_MAX_SECONDS`; 0 for no limit.
    var maximumSeconds: Double

    /// The reducer values that mean "do not reduce".
    static let notReducible: Set<String> = ["not_reducible", "not_reducable", "pre_reduced"]

    /// Validates a task, in the order of §7.4 step 1.
    static func make(_ task: CacheTask, configuration: ServerConfiguration) -> Result<CacheJob, Rejection> {
        Result { () throws(Rejection) in try CacheJob(task, configuration: configuration) }
    }

    private init(_ task: CacheTask, configuration: ServerConfiguration) throws(Rejection) {
        let name = task.dataset
        guard let root = configuration.cacheRoot, FileSystem.isDirectory(root) else {
            let shown = configuration.cacheRoot ?? "(CACHE_ROOT is not set)"
            throw Rejection(message: "Cache Root directory missing: \(shown)")
        }
        let dsdf = try Self.loadSource(name, configuration: configuration)
        guard let format = CacheStreamFormat(dsdf: dsdf), !dsdf.isTrue("requiresInterval") else {
            throw Rejection(message: "Caching for interval based data sources such as \(name) is not implemented")
        }
        let levels: [CacheLevel]
        do {
            levels = try dsdf.cacheLevels().levels
        } catch {
            throw Rejection(message: error.message)
        }
        guard !levels.isEmpty else {
            throw Rejection(message: "Dataset \(name) does not define any cache levels")
        }
        let selected: [CacheLevel]
        if task.level.lowercased() == "all" {
            selected = levels
        } else if !task.level.isEmpty,
            task.level.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = Int(task.level), let level = levels.first(where: { $0.number == number })
        {
            selected = [level]
        } else {
            let shown = Int(task.level).map(String.init) ?? task.level
            throw Rejection(message: "Cache Level \(shown) is not defined for datasource '\(name)'")
        }
        guard let begin = try? DasTime(parsing: task.begin) else {
            throw Rejection(message: "Cannot parse the begin time '\(task.begin)' of the cache task")
        }
        guard let end = try? DasTime(parsing: task.end) else {
            throw Rejection(message: "Cannot parse the end time '\(task.end)' of the cache task")
        }
        let reducer = dsdf["reducer"] ?? (format == .das2 ? configuration.das2Reducer : configuration.qstreamReducer)
        self.levels = try selected.map { level throws(Rejection) -> Level in
            guard let size = level.binSize else { return Level(level: level, reducer: nil) }
            guard let reducer, !reducer.allSatisfy(\.isWhitespace), !Self.notReducible.contains(reducer) else {
                throw Rejection(
                    message: "Cannot make a \(size.count) \(size.units.symbol) resolution cache, "
                        + "dataset \(name) is not reducible")
            }
            return Level(level: level, reducer: reducer)
        }
        guard let reader = dsdf["reader"], !reader.allSatisfy(\.isWhitespace) else {
            throw Rejection(message: "'reader' keyword is not present in \(name)")
        }
        dataset = name
        self.format = format
        self.reader = reader
        layout = CacheLayout(root: root)
        self.begin = begin
        self.end = end
        idleTimeout = ServerConfiguration.timeLimit(dsdf["readerIdleTimeout"]) ?? configuration.readerIdleTimeout
        maximumSeconds = ServerConfiguration.timeLimit(dsdf["readerMaxSeconds"]) ?? configuration.readerMaxSeconds
    }

    /// Reads `<DSDF_ROOT>/<name>.dsdf` and substitutes its variables (no query values).
    private static func loadSource(_ name: String, configuration: ServerConfiguration) throws(Rejection) -> DSDF {
        let missing = Rejection(message: "Data source \(name) doesn't exist on this server")
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard let root = configuration.dsdfRoot, !name.isEmpty,
            components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { throw missing }
        let path = root + "/" + name + ".dsdf"
        guard FileSystem.isRegularFile(path), let bytes = FileSystem.readFile(path, limit: 16 << 20) else { throw missing }
        do {
            return try DSDF(parsing: bytes, name: name).substituted(
                thisFile: path, queryValue: { _ in nil }, configurationValue: { configuration[$0] })
        } catch {
            throw Rejection(message: error.message)
        }
    }
}
