#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Das2Core
import Das2Pipeline

// `server=image` (server-protocol.md §3.8, DEV-11): a plot made by the configured PNG_MAKER.
extension RequestContext {
    func image() async throws(Das2ServerError) -> Das2Response {
        let (requested, name) = try requestedSourceName()
        if name.containsBytes("_dirinfo_") { throw Das2ServerError(.badRequest, "Invalid das2.3 query") }
        if let resolution = query["resolution"], Self.parseResolution(resolution) == nil {
            throw Das2ServerError(
                .badRequest, "Invalid das2.2 query, resolution '\(resolution)'is not convertable to a floating point number"
            )
        }
        let begin = query["start_time"] ?? query["time.min"]
        let end = query["end_time"] ?? query["time.max"]
        let params = query["params"]
        try QueryValidation.checkValue(begin, label: "start_time or time.min")
        try QueryValidation.checkValue(end, label: "end_time or time.max")
        try QueryValidation.checkValue(query["resolution"], label: "resolution")
        try QueryValidation.checkValue(query["interval"], label: "interval")
        try QueryValidation.checkValue(params, label: "params")
        guard let begin else { throw Das2ServerError(.badRequest, "Invalid das2.2 query, start_time was not specified") }
        guard let end else { throw Das2ServerError(.badRequest, "Invalid das2.2 query, end_time was not specified") }
        let (dsdf, _) = try loadSource(name)
        if dsdf.contains("rename") || (dsdf.contains("server") && !configuration.ignoreRedirect),
            let location = Redirect.location(
                for: dsdf, requestedName: requested, context: self, followsServer: !configuration.ignoreRedirect
            )
        {
            return Redirect.response(location)
        }
        guard let maker = configuration.pngMaker else {
            throw Das2ServerError(
                .notImplemented, "Set the keyword PNG_MAKER in \(configuration.path) to generate server side images."
            )
        }
        try authorize(dsdf, name: name, begin: begin, end: end)
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let directory = configuration.logPath.flatMap { FileSystem.isDirectory($0) ? $0 : nil } ?? "/tmp"
        let file = "\(directory)/\(base)_\(getpid())_\(ServerState.monotonicNanoseconds()).png"
        var environment = state.environment
        environment["PATH"] = ServerConfiguration.prependingPaths(configuration.binPath, to: environment["PATH"])
        let pipeline = Pipeline(
            stages: [
                .command(
                    maker,
                    arguments: [
                        "server=\(scriptURL)", "dataset=\(name)", "start_time=\(begin)", "end_time=\(end)",
                        "image=\(file)", "params=\(params ?? "")",
                    ],
                    name: "png_maker"
                )
            ],
            environment: .exactly(environment),
            idleTimeout: configuration.readerIdleTimeout > 0 ? .milliseconds(Int64(configuration.readerIdleTimeout * 1000)) : nil
        )
        log.log("   Exec Cmd: \(pipeline.commandDescription)")
        let result = await pipeline.run(logger: log.logger) { _ in }
        defer { FileSystem.remove(file) }
        if let failure = result.failure {
            logOutcome(result, pipeline: pipeline)
            throw Das2ServerError(.serverError, failureMessage(failure, result: result, pipeline: pipeline))
        }
        guard let bytes = FileSystem.readFile(file) else {
            throw Das2ServerError(.serverError, "Expected image file \(file) is not present.")
        }
        let fileName = "\(base)_\(OutputFormat.cleanTime(begin))_\(OutputFormat.cleanTime(end)).png"
        return bytesResponse(
            bytes, contentType: "image/png",
            extraHeaders: [("Expires", "now"), ("Content-Disposition", "inline; filename=\"\(HeaderValue.quotable(fileName))\"")]
        )
    }
}
