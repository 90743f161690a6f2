import Das2Cache
import Das2Core
import Das2Pipeline
import Das2Stream
import Logging

/// The HAPI view of the server for one request: its configuration, the shared probe store and
/// the clock, with the lookups every endpoint needs.
struct HAPISite: Sendable {
    let context: RequestContext
    let store: HAPIStore
    /// The current UTC time.
    let now: DasTime
    /// The current time in POSIX seconds.
    let nowSeconds: Int64
    /// Whether messages go to the request log (false for background work).
    let logsToRequest: Bool

    init(context: RequestContext, logsToRequest: Bool = true) {
        self.context = context
        self.store = HAPIStore.shared(configurationPath: context.configuration.path)
        self.now = ServerState.now()
        self.nowSeconds = Int64(TimeScale.t1970.value(from: now).rounded(.down))
        self.logsToRequest = logsToRequest
    }

    var configuration: ServerConfiguration { context.configuration }

    /// Notes a message in the request log, or the server log for background work.
    func note(_ message: String) {
        if logsToRequest {
            context.log.log("   HAPI: \(message)")
        } else {
            context.state.logger.notice("HAPI: \(message)")
        }
    }

    /// A das2 time as whole microseconds since 2000, clamped to years 0000–10000 (a time
    /// beyond them, such as a `validRange` ending in 10000, keeps its place in comparisons).
    static func microseconds(_ time: DasTime) -> Int64 {
        HAPIPlanes.clampedMicroseconds(us2000: TimeScale.us2000.value(from: time))
    }

    /// The source's valid range in microseconds (§7.1: without `validRange`, 1977-01-01 to
    /// tomorrow).
    func validRange(_ source: HAPISource) throws(HAPISourceProblem) -> (begin: Int64, end: Int64) {
        do {
            let range = try ValidRange(parsing: source.dsdf["validRange"], now: now)
            return (Self.microseconds(range.begin), Self.microseconds(range.end))
        } catch {
            throw .misconfigured("\(source.name): \(error.message)")
        }
    }

    /// The probe range of a source (§7.3 step 1): the last example range clipped to the valid
    /// range; nil without a usable example.
    func probeRange(_ source: HAPISource, validRange: (begin: Int64, end: Int64)) -> (begin: Int64, end: Int64)? {
        guard let example = (try? source.dsdf.exampleRanges())?.last,
            let begin = try? DasTime(parsing: example.begin, defaultYear: now.year),
            let end = try? DasTime(parsing: example.end, defaultYear: now.year)
        else { return nil }
        let clipped = (max(Self.microseconds(begin), validRange.begin), min(Self.microseconds(end), validRange.end))
        return clipped.0 < clipped.1 ? clipped : nil
    }

    /// The reader stage of §7.5.2 for `[begin, end)`, with the reducer of a sub-source that has
    /// a resolution.
    func readerStages(_ source: HAPISource, part: HAPISourcePart, begin: HAPITime, end: HAPITime) throws(HAPIError) -> [PipelineStage] {
        guard let reader = source.dsdf["reader"] else {
            note("'reader' keyword is not present in \(source.name)")
            throw HAPIError(.internalError)
        }
        var arguments: [String] = []
        if part.requiresInterval, let interval = part.subSource?.resolutionText { arguments.append(interval) }
        arguments += [begin.readerText, end.readerText]
        if !source.dsdf.isTrue("dropParams") { arguments += ReaderParameters(part.parameterText).arguments }
        var stages: [PipelineStage] = [.command(reader, arguments: arguments, name: "reader")]
        if part.isReduced, source.isReducible, let resolution = part.subSource?.resolutionText {
            stages.append(try reducerStage(source.dsdf["reducer"] ?? configuration.das2Reducer, resolution: resolution))
        }
        return stages
    }

    /// A reducer: in-process when it is a built-in das2 stream tool (as for das2 queries).
    private func reducerStage(_ shellText: String, resolution: String) throws(HAPIError) -> PipelineStage {
        let words = shellText.split(whereSeparator: \.isWhitespace).map(String.init)
        if configuration.builtinReducers {
            do {
                if let tool = try StreamTool(commandWords: words + [resolution]) {
                    return .inProcess(words.joined(separator: " "), arguments: [resolution], name: tool.name.rawValue) {
                        StreamToolTransformer(tool)
                    }
                }
            } catch {
                note("misconfigured reducer '\(shellText)': \(error.message)")
                throw HAPIError(.internalError)
            }
        }
        return .command(shellText, arguments: [resolution], name: "reducer")
    }

    /// A pipeline over `stages` with the server's environment and reader time limits.
    func pipeline(_ stages: [PipelineStage], source: HAPISource, maximumSeconds: Double? = nil) -> Pipeline {
        var environment = context.state.environment
        environment["PATH"] = ServerConfiguration.prependingPaths(configuration.binPath, to: environment["PATH"])
        if !configuration.libPath.isEmpty {
            environment["LD_LIBRARY_PATH"] = ServerConfiguration.prependingPaths(configuration.libPath, to: environment["LD_LIBRARY_PATH"])
        }
        let idle = ServerConfiguration.timeLimit(source.dsdf["readerIdleTimeout"]) ?? configuration.readerIdleTimeout
        let total = maximumSeconds ?? ServerConfiguration.timeLimit(source.dsdf["readerMaxSeconds"]) ?? configuration.readerMaxSeconds
        return Pipeline(
            stages: stages, environment: .exactly(environment),
            idleTimeout: idle > 0 ? .milliseconds(Int64(idle * 1000)) : nil,
            maximumDuration: total > 0 ? .milliseconds(Int64(total * 1000)) : nil
        )
    }

    /// The probe outcome of a part (§7.3, §7.8), probing when nothing valid is stored (or nil,
    /// without `probing`).
    func probeOutcome(
        _ source: HAPISource, part: HAPISourcePart, range: (begin: Int64, end: Int64), probing: Bool
    ) async -> HAPIStore.Entry? {
        var probe: (@Sendable () async -> HAPIStore.Outcome)?
        if probing {
            let site = self
            let begin = range.begin
            let end = range.end
            probe = { await site.runProbe(source, part: part, begin: begin, end: end) }
        }
        return await store.entry(
            key: part.key, signature: source.signature, now: nowSeconds, maximumAge: configuration.hapiProbeMaxAge,
            cacheRoot: configuration.cacheRoot, concurrency: configuration.hapiProbeConcurrency, probe: probe
        )
    }

    /// Probes a part over `[begin, end)` (microseconds since 2000).
    private func runProbe(_ source: HAPISource, part: HAPISourcePart, begin: Int64, end: Int64) async -> HAPIStore.Outcome {
        let stages: [PipelineStage]
        do {
            stages = try readerStages(source, part: part, begin: HAPITime(microseconds: begin), end: HAPITime(microseconds: end))
        } catch {
            return .failed
        }
        let pipeline = pipeline(stages, source: source, maximumSeconds: configuration.hapiProbeTimeout)
        note("probing \(part.key): \(pipeline.commandDescription)")
        let result = await HAPIProbe.run(
            pipeline, begin: begin, end: end, byteLimit: configuration.hapiProbeBytes, ranAt: nowSeconds,
            logger: context.state.logger
        )
        switch result {
        case .success(let probe):
            return .probed(probe)
        case .failure(let failure):
            note("probe of \(part.key) failed: \(failure.reason)")
            return .failed
        }
    }
}
