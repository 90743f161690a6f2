import Das2Cache
import Das2Core
import Das2Pipeline
import Das2Stream

/// A data query checked and turned into a pipeline plan (server-protocol.md §4.1-§4.7).
struct DataQuery: Sendable {
    /// One stage before it is started.
    enum Stage: Sendable {
        /// A program: DSDF or config shell text plus appended arguments.
        case command(name: String, shellText: String, arguments: [String])
        /// One of the das2 stream tools, run in-process.
        case builtin(StreamTool, words: [String])
        /// A stage made ready elsewhere (the in-process cache reader).
        case prepared(PipelineStage)
    }

    var name: String
    var dsdf: DSDF
    var dsdfPath: String
    /// The client's time strings, as sent.
    var requestedBegin: String
    var requestedEnd: String
    /// The times handed to the reader (trimmed to the valid range when needed).
    var begin: String
    var end: String
    var format: OutputFormat
    var stages: [Stage]
    var idleTimeout: Double
    var maximumSeconds: Double
    /// Cache blocks the request would have used but which do not exist yet (to be queued).
    var missingBlocks: [CacheTask] = []
}

/// What checking a data query can lead to besides a plan.
enum DataQueryOutcome: Sendable {
    case plan(DataQuery)
    case redirect(String)
    case noData(begin: String, end: String)
}

extension RequestContext {
    /// Runs the checks of §4.2-§4.4 and builds the command of §4.7.
    func planDataQuery() throws(Das2ServerError) -> DataQueryOutcome {
        // Step 1-2: the source name.
        var requested = query["dataset"] ?? ""
        if requested.isEmpty {
            let path = request.pathInfo
            requested = String(path.hasPrefix("/data/") ? path.dropFirst(6) : path.drop { $0 == "/" })
        }
        let name = try QueryValidation.datasetName(requested)
        if name.containsBytes("_dirinfo_") { throw Das2ServerError(.badRequest, "Invalid das2.3 query") }
        _ = try dsdfRoot()

        // Step 4: resolution.
        let resolutionText = query["resolution"]
        var resolution: Double?
        if let resolutionText {
            guard let value = Self.parseResolution(resolutionText) else {
                throw Das2ServerError(
                    .badRequest,
                    "Invalid das2.2 query, resolution '\(resolutionText)'is not convertable to a floating point number"
                )
            }
            resolution = value
        }

        // Step 5-7: illegal substrings, then presence of the times.
        let begin = query["start_time"] ?? query["time.min"]
        let end = query["end_time"] ?? query["time.max"]
        let interval = query["interval"]
        let params = query["params"]
        try QueryValidation.checkValue(begin, label: "start_time or time.min")
        try QueryValidation.checkValue(end, label: "end_time or time.max")
        try QueryValidation.checkValue(resolutionText, label: "resolution")
        try QueryValidation.checkValue(interval, label: "interval")
        try QueryValidation.checkValue(params, label: "params")
        guard let begin else { throw Das2ServerError(.badRequest, "Invalid das2.2 query, start_time was not specified") }
        guard let end else { throw Das2ServerError(.badRequest, "Invalid das2.2 query, end_time was not specified") }

        // Step 8-11: the DSDF, substituted, and its redirects.
        let (raw, path) = try loadSource(name)
        let dsdf: DSDF
        do {
            dsdf = try raw.substituted(
                thisFile: path,
                queryValue: { query[$0] },
                configurationValue: { configuration[$0] }
            )
        } catch {
            throw Das2ServerError(error.code == .invalidRequest ? .badRequest : .serverError, error.message)
        }
        if dsdf.contains("rename") || (dsdf.contains("server") && !configuration.ignoreRedirect),
            let location = Redirect.location(
                for: dsdf, requestedName: requested, context: self, followsServer: !configuration.ignoreRedirect
            )
        {
            log.log("   Redirect: \(location)")
            return .redirect(location)
        }
        guard var reader = dsdf["reader"] else {
            throw Das2ServerError(.serverError, "'reader' keyword is not present in \(name)")
        }

        // Step 12: valid-range trimming.
        var readerBegin = begin
        var readerEnd = end
        if dsdf.contains("validRange") {
            let now = ServerState.now()
            let range: ValidRange
            do {
                range = try ValidRange(parsing: dsdf["validRange"], now: now)
            } catch {
                throw Das2ServerError(.serverError, "Misconfigured Data Source \(name): \(error.message)")
            }
            let beginTime = try Self.parseRequestTime(begin, now: now)
            let endTime = try Self.parseRequestTime(end, now: now)
            var from = TimeScale.us2000.value(from: beginTime)
            var to = TimeScale.us2000.value(from: endTime)
            let first = TimeScale.us2000.value(from: range.begin)
            let last = TimeScale.us2000.value(from: range.end)
            if from < first {
                from = first
                readerBegin = range.begin.isoC(fractionDigits: 6)
            }
            if to > last {
                to = last
                readerEnd = range.end.isoC(fractionDigits: 6)
            }
            if to <= from {
                log.log("   Request outside the valid range \(range.beginText) to \(range.endText)")
                return .noData(begin: begin, end: end)
            }
        }

        // Step 14: authorization.
        try authorize(dsdf, name: name, begin: begin, end: end)

        // §4.7: output format, command patterns, reducer and text conversion.
        let isDas2 = dsdf.isTrue("das2Stream")
        let isQStream = !isDas2 && dsdf.isTrue("qstream")
        var requiresInterval = dsdf.isTrue("requiresInterval")
        if !isDas2 && !isQStream {
            // A das1 source: the converter reads the DSDF itself (dsdf.md §4.6).
            reader = configuration.das1ToDas2 + " " + PipelineStage.shellQuoted(path)
            requiresInterval = true
        }
        let format = OutputFormat(stream: isQStream ? .qstream : .das2, ascii: Self.isTrue(query["ascii"]))
        let parameters = dsdf.isTrue("dropParams") ? [] : ReaderParameters(params).arguments
        var readerInterval = interval
        var reduces = resolution.map { $0 > 0 } ?? false
        if readerInterval == nil && requiresInterval {
            guard let resolutionText else {
                throw Das2ServerError(.badRequest, "Invalid das2.2 query, parameter 'interval' was not specified")
            }
            // ICD 2.3: resolution is the interval of an interval source (DEV-25); no reducer then.
            readerInterval = resolutionText
            reduces = false
        }
        var stages: [DataQuery.Stage] = [
            .command(
                name: "reader", shellText: reader,
                arguments: (readerInterval.map { [$0] } ?? []) + [readerBegin, readerEnd] + parameters
            )
        ]
        let reducer = dsdf["reducer"] ?? (isQStream ? configuration.qstreamReducer : configuration.das2Reducer)
        if reduces, let reducer, !["not_reducible", "not_reducable", "pre_reduced"].contains(reducer),
            let resolutionText
        {
            stages.append(try stage(name: "reducer", shellText: reducer, arguments: [resolutionText]))
        }
        var missingBlocks: [CacheTask] = []
        if !requiresInterval {
            switch try cacheDecision(
                dsdf: dsdf, path: path, params: params, resolution: resolution, begin: readerBegin, end: readerEnd,
                isQStream: isQStream
            ) {
            case .hit(let cacheStage):
                stages = [cacheStage]
            case .miss(let tasks):
                missingBlocks = tasks
            case .notCacheable:
                break
            }
        }
        if format.ascii, let converter = isQStream ? configuration.qstreamToUTF8 : configuration.das2ToUTF8 {
            stages.append(try stage(name: "converter", shellText: converter, arguments: []))
        }
        return .plan(
            DataQuery(
                name: name, dsdf: dsdf, dsdfPath: path, requestedBegin: begin, requestedEnd: end,
                begin: readerBegin, end: readerEnd, format: format, stages: stages,
                idleTimeout: ServerConfiguration.timeLimit(dsdf["readerIdleTimeout"]) ?? configuration.readerIdleTimeout,
                maximumSeconds: ServerConfiguration.timeLimit(dsdf["readerMaxSeconds"]) ?? configuration.readerMaxSeconds,
                missingBlocks: missingBlocks
            )
        )
    }

    private enum CacheDecision {
        case hit(DataQuery.Stage)
        case miss([CacheTask])
        case notCacheable
    }

    /// Whether the cache answers the request (cache-and-queue.md §3): the stage that reads the
    /// blocks on a hit, the missing blocks on a miss.
    private func cacheDecision(
        dsdf: DSDF, path: String, params: String?, resolution: Double?, begin: String, end: String, isQStream: Bool
    ) throws(Das2ServerError) -> CacheDecision {
        guard let cacheRoot = configuration.cacheRoot else { return .notCacheable }
        let requested = max(resolution ?? 0, 0)
        let level: CacheLevel?
        do {
            let (levels, warnings) = try dsdf.cacheLevels()
            for warning in warnings { log.log("   \(warning)") }
            level = levels.level(forResolution: requested, normalizedParameters: ReaderParameters(params).normalized)
        } catch {
            throw Das2ServerError(.serverError, error.message)
        }
        guard let level else { return .notCacheable }
        let cacheReader = dsdf["cacheReader"] ?? (isQStream ? configuration.qstreamCacheReader : configuration.das2CacheReader)
        let readerWords = cacheReader.split(whereSeparator: \.isWhitespace)
        let builtinReader = configuration.builtinReducers && readerWords.first?.split(separator: "/").last == "das2_cache_rdr"
        // The built-in cache reader reads das2 blocks only.
        if isQStream && builtinReader { return .notCacheable }
        let now = ServerState.now()
        let beginTime = try Self.parseRequestTime(begin, now: now)
        let endTime = try Self.parseRequestTime(end, now: now)
        let plan = CachePlan(source: dsdf, layout: CacheLayout(root: cacheRoot), level: level, begin: beginTime, end: endTime)
        log.log("   Cache check: level \(level.number) (\(level.resolutionDirectory), \(level.block.rawValue))")
        switch plan.decision {
        case .notCacheable:
            return .notCacheable
        case .miss(let tasks):
            for task in tasks { log.log("   Missing: \(task.begin) to \(task.end)") }
            log.log("   Cache miss")
            return .miss(tasks)
        case .hit:
            log.log("   Cache hit")
            let arguments = [
                path, CacheLayout(root: cacheRoot).datasetDirectory(dsdf.name), ReaderParameters(params).normalized,
                begin, end, FloatFormat(.exponential, precision: 5).string(requested),
            ]
            if builtinReader {
                do {
                    if let stage = try CacheReader.pipelineStage(commandText: cacheReader, arguments: arguments, name: "cache reader") {
                        return .hit(.prepared(stage))
                    }
                } catch {
                    throw Das2ServerError(.serverError, "Misconfigured cache reader '\(cacheReader)': \(error.message)")
                }
            }
            return .hit(.command(name: "cache reader", shellText: cacheReader, arguments: arguments))
        }
    }

    /// A reducer or converter stage: in-process when it is a built-in das2 stream tool.
    private func stage(name: String, shellText: String, arguments: [String]) throws(Das2ServerError) -> DataQuery.Stage {
        let words = shellText.split(whereSeparator: \.isWhitespace).map(String.init)
        guard configuration.builtinReducers else {
            return .command(name: name, shellText: shellText, arguments: arguments)
        }
        do {
            if let tool = try StreamTool(commandWords: words + arguments) {
                return .builtin(tool, words: words + arguments)
            }
        } catch {
            throw Das2ServerError(.serverError, "Misconfigured \(name) '\(shellText)': \(error.message)")
        }
        return .command(name: name, shellText: shellText, arguments: arguments)
    }

    /// A finite decimal number, blanks around it allowed (step 4, DEV-15).
    static func parseResolution(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789.eE+-".contains($0) }),
            let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    static func parseRequestTime(_ text: String, now: DasTime) throws(Das2ServerError) -> DasTime {
        do {
            return try DasTime(parsing: text, defaultYear: now.year)
        } catch {
            throw Das2ServerError(.badRequest, "Invalid das2.2 query, cannot parse time '\(text)'")
        }
    }

    /// `1` or `true`, any case.
    static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return value == "1" || value == "true"
    }
}

extension String {
    func trimmingCharacters(_ isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
