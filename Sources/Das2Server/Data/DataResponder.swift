import Das2Cache
import Das2Core
import Das2Pipeline
import Das2Stream
import Logging

// `server=dataset` (server-protocol.md §4): run the pipeline and stream its output.
extension RequestContext {
    func dataset() async throws(Das2ServerError) -> Das2Response {
        switch try planDataQuery() {
        case .redirect(let location):
            return Redirect.response(location)
        case .noData(let begin, let end):
            return noDataResponse(begin: begin, end: end)
        case .plan(let plan):
            return try await stream(plan)
        }
    }

    /// 200 with a `NoDataInInterval` exception (plain text for a browser).
    func noDataResponse(begin: String, end: String) -> Das2Response {
        errorResponse(Das2ServerError(.noData, "No data in the range \(begin) to \(end)"))
    }

    /// Starts the pipeline and answers once its first bytes (or its end) arrive, because the
    /// status depends on that (§4.8).
    private func stream(_ plan: DataQuery) async throws(Das2ServerError) -> Das2Response {
        let pipeline = makePipeline(plan)
        let fileName = plan.format.fileName(dataset: plan.name, begin: plan.begin, end: plan.end, browser: isBrowser)
        log.log("   Exec Cmd: \(pipeline.commandDescription)")
        log.log("   Filename: \(fileName)")
        log.flush()

        let run = PipelineRun(pipeline: pipeline, logger: log.logger, clientDeparture: request.clientDeparture)
        // Missing cache blocks are queued while the reader starts and the data flows; the answer
        // never waits for the queue, only the end of the response does (for the log line).
        let queued = plan.missingBlocks.isEmpty ? nil : Task { [self] in
            let tasks = await state.taskSubmitter(for: configuration).submitCacheBuilds(
                plan.missingBlocks, serverName: request.serverName ?? "", scriptName: scriptName,
                remoteAddress: request.remoteAddress
            )
            log.log("   Queued \(tasks.count) of \(plan.missingBlocks.count) cache blocks")
        }
        let first = await run.handoff.next()
        guard let first else {
            await queued?.value
            let result = await run.result()
            logOutcome(result, pipeline: pipeline)
            if run.clientDeparted {
                throw Das2ServerError(.serverError, "Client disconnected before the first byte; pipeline stopped")
            }
            guard let failure = result.failure else {
                return noDataResponse(begin: plan.requestedBegin, end: plan.requestedEnd)
            }
            return errorResponse(Das2ServerError(.serverError, failureMessage(failure, result: result, pipeline: pipeline)))
        }
        var headers = CommonHeaders.cors
        headers.append(("Content-Type", plan.format.contentType(browser: isBrowser)))
        headers.append(("Expires", "now"))
        headers.append(("Content-Disposition", "\(plan.format.disposition); filename=\"\(HeaderValue.quotable(fileName))\""))
        let context = self
        return Das2Response(status: 200, headers: headers, body: .stream { writer in
            do {
                try await writer.write(first)
                while let chunk = await run.handoff.next() {
                    try await writer.write(chunk)
                }
                if run.clientDeparted { throw CancellationError() }
            } catch {
                // The client is gone: stop the pipeline (its children are killed and reaped).
                run.handoff.close()
                await queued?.value
                let result = await run.result()
                context.log.log("   Client disconnected after \(result.bytesDelivered) bytes; pipeline stopped")
                context.logOutcome(result, pipeline: pipeline)
                throw error
            }
            await queued?.value
            let result = await run.result()
            context.logOutcome(result, pipeline: pipeline)
            if let failure = result.failure {
                let message = context.failureMessage(failure, result: result, pipeline: pipeline)
                try await writer.write(ExceptionPacket.bytes(type: "InternalServerError", message: message, outOfBand: true))
            }
        })
    }

    private func makePipeline(_ plan: DataQuery) -> Pipeline {
        var environment = state.environment
        environment["PATH"] = ServerConfiguration.prependingPaths(configuration.binPath, to: environment["PATH"])
        if !configuration.libPath.isEmpty {
            environment["LD_LIBRARY_PATH"] = ServerConfiguration.prependingPaths(
                configuration.libPath, to: environment["LD_LIBRARY_PATH"]
            )
        }
        let stages = plan.stages.map { stage -> PipelineStage in
            switch stage {
            case .command(let name, let shellText, let arguments):
                return .command(shellText, arguments: arguments, name: name)
            case .builtin(let tool, let words):
                return .inProcess(words.joined(separator: " "), name: tool.name.rawValue) { StreamToolTransformer(tool) }
            case .prepared(let stage):
                return stage
            }
        }
        return Pipeline(
            stages: stages,
            environment: .exactly(environment),
            idleTimeout: plan.idleTimeout > 0 ? .milliseconds(Int64(plan.idleTimeout * 1000)) : nil,
            maximumDuration: plan.maximumSeconds > 0 ? .milliseconds(Int64(plan.maximumSeconds * 1000)) : nil
        )
    }

    /// `exec: <command>`, the pipeline's stderr and the exit value, as the reference writes it.
    func failureMessage(_ failure: PipelineFailure, result: PipelineResult, pipeline: Pipeline) -> String {
        var message = "exec: \(pipeline.commandDescription)\n"
        let standardError = String(decoding: result.standardError, as: UTF8.self).trimmingCharacters(\.isWhitespace)
        if !standardError.isEmpty { message += standardError + "\n" }
        switch failure.kind {
        case .timeout, .spawn, .io, .inProcess:
            message += failure.description + "\n"
        case .exit, .signal:
            break
        }
        if case .timeout = failure.kind { return message.trimmingCharacters(\.isWhitespace) }
        return message + "Non-zero exit value, \(failure.exitValue) from pipeline"
    }

    func logOutcome(_ result: PipelineResult, pipeline: Pipeline) {
        let standardError = String(decoding: result.standardError, as: UTF8.self)
        if !standardError.allSatisfy(\.isWhitespace) {
            log.log("   Pipeline stderr:")
            log.log(standardError)
        }
        if let failure = result.failure {
            log.log("   Pipeline failed: \(failure.description)")
        }
        log.log("   \(result.bytesDelivered) bytes sent")
    }
}
