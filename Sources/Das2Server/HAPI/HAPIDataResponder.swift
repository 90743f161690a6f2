import Das2Cache
import Das2Core
import Das2Pipeline
import Das2Stream

/// Produces the answer to a validated `/data` request (hapi.md §6, §7.5, §8.2–§8.4): plans
/// where the records come from (cache or reader), answers conditional and HEAD requests from
/// that plan alone, else starts the pipeline, waits for the first record or the end of the
/// stream to decide the status, then streams the rest while it converts.
struct HAPIDataResponder {
    let site: HAPISite
    let request: HAPIDataRequest

    /// The trailer fields of a complete data body (§8.3).
    static let trailerNames = "X-HAPI-Status, X-HAPI-Records, X-HAPI-Dropped, Content-Digest"

    /// Validators of a response determined by cache files.
    private typealias Validators = (entityTag: String, lastModified: Int64)

    func respond(head: Bool) async throws(HAPIError) -> Das2Response {
        if case .availability = request.dataset.kind {
            let availability = site.availability(request)
            let validators = site.dataValidators(request, files: availability.files)
            if let early = earlyAnswer(validators, head: head) { return early }
            return availabilityResponse(availability.records(store: site.store), validators: validators)
        }
        let (begin, end) = sourceRange
        // HEAD and the 304 decision read no cache block (§1.3, §8.2); a GET that goes on plans
        // again, reading what it needs.
        let conditional = site.context.request.header("If-None-Match") != nil
            || site.context.request.header("If-Modified-Since") != nil
        var plan = try site.recordSource(request, begin: begin, end: end, readingBlocks: !head && !conditional)
        var validators = plan.files.map { site.dataValidators(request, files: $0) }
        if let early = earlyAnswer(validators, head: head) { return early }
        if conditional {
            plan = try site.recordSource(request, begin: begin, end: end)
            validators = plan.files.map { site.dataValidators(request, files: $0) }
        }
        return try await stream(plan, begin: begin, end: end, validators: validators)
    }

    /// The range handed to the reader or cache (§7.5.1): the clipped request, widened to
    /// whole bins of the grid for reduced datasets (§8.1.3).
    private var sourceRange: (HAPITime, HAPITime) {
        guard case .reduced(_, let seconds, _, _) = request.dataset.kind else { return (request.clippedStart, request.clippedStop) }
        let bin = Int64((seconds * 1e6).rounded())
        let start = request.clippedStart
        let floorStart = start.day * 86_400_000_000 + start.nanosecond / 1000
        return (
            HAPITime(microseconds: HAPIBinning.binStart(floorStart, binMicroseconds: bin)),
            HAPITime(microseconds: HAPIBinning.binStart(request.clippedStop.microsecondsRoundedUp + bin - 1, binMicroseconds: bin))
        )
    }

    /// `304` for a matching conditional request, or the head of a HEAD request; nil to go on.
    private func earlyAnswer(_ validators: Validators?, head: Bool) -> Das2Response? {
        if let validators,
            HAPIResponses.isNotModified(site.context.request, entityTag: validators.entityTag, lastModified: validators.lastModified)
        {
            return Das2Response(status: 304, headers: HAPIResponses.cors + validatorFields(validators))
        }
        guard head else { return nil }
        // Every check is done; a HEAD starts no reader and reads no block (§1.3).
        return Das2Response(
            status: 200, reason: HAPIStatus.ok.reasonPhrase(httpStatus: 200), headers: headers(.ok, validators: validators),
            body: .stream { _ in }
        )
    }

    private func validatorFields(_ validators: Validators?) -> [(name: String, value: String)] {
        guard let validators else { return [("Cache-Control", "no-store")] }
        return [
            ("ETag", validators.entityTag), ("Last-Modified", HTTPDate.text(posixSeconds: validators.lastModified)),
            ("Cache-Control", "no-cache"),
        ]
    }

    private func headers(_ status: HAPIStatus, validators: Validators?) -> [(name: String, value: String)] {
        var headers = HAPIResponses.cors + [("Content-Type", request.format.contentType)] + validatorFields(validators)
        headers.append(("Trailer", Self.trailerNames))
        if status == .noData { headers.append(("X-HAPI-Status", String(HAPIStatus.noData.rawValue))) }
        return headers
    }

    // MARK: - Availability

    private func availabilityResponse(_ records: [(start: Int64, stop: Int64, status: String)], validators: Validators) -> Das2Response {
        var encoder = HAPIRecordEncoder(format: request.format, parameters: request.parameters)
        var body = prefix(records.isEmpty ? .noData : .ok)
        for record in records { encoder.writeInterval(start: record.start, stop: record.stop, status: record.status, into: &body) }
        body += suffix
        let status: HAPIStatus = records.isEmpty ? .noData : .ok
        let count = records.count
        let bytes = body
        return Das2Response(
            status: 200, reason: status.reasonPhrase(httpStatus: 200), headers: headers(status, validators: validators),
            body: .stream { writer in
                try await writer.write(bytes)
                writer.setTrailers(Self.trailers(status: status, records: count, dropped: 0, body: bytes))
            }
        )
    }

    private static func trailers(status: HAPIStatus, records: Int, dropped: Int, body: [UInt8]) -> [(name: String, value: String)] {
        trailers(status: status, records: records, dropped: dropped, digest: "sha-256=:" + DigestText.base64(SHA256.hash(body)) + ":")
    }

    private static func trailers(status: HAPIStatus, records: Int, dropped: Int, digest: String) -> [(name: String, value: String)] {
        [
            ("X-HAPI-Status", String(status.rawValue)), ("X-HAPI-Records", String(records)), ("X-HAPI-Dropped", String(dropped)),
            ("Content-Digest", digest),
        ]
    }

    // MARK: - Records from a pipeline

    /// Runs the pipeline until the status is known (§6.6, §7.5.5, §7.5.6), then answers.
    private func stream(_ plan: HAPIRecordSource, begin: HAPITime, end: HAPITime, validators: Validators?) async throws(HAPIError) -> Das2Response {
        let stream = try startPipeline(plan, begin: begin, end: end)
        let log = site.context.log
        // Missing cache blocks are queued while the pipeline starts and the data flows; the answer
        // never waits for the queue, only the end of the response does (for the log line).
        let context = site.context
        let missing = plan.missingBlocks
        let queued = missing.isEmpty ? nil : Task {
            let tasks = await context.state.taskSubmitter(for: context.configuration).submitCacheBuilds(
                missing, serverName: context.request.serverName ?? "", scriptName: context.scriptName,
                remoteAddress: context.request.remoteAddress
            )
            log.log("   Queued \(tasks.count) of \(missing.count) cache blocks")
        }
        let timeout = site.configuration.hapiTimeout
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
            if !Task.isCancelled { stream.timeOut() }
        }
        var inputEnded = false
        while true {
            guard let chunk = await stream.run.handoff.next() else {
                inputEnded = true
                break
            }
            stream.consume(chunk)
            if stream.records > 0 || stream.ending != nil { break }
        }
        timer.cancel()
        if stream.run.clientDeparted {
            _ = await stream.run.result()
            await queued?.value
            log.log("   HAPI: client disconnected before the first record; reader stopped")
            throw HAPIError(.internalError, reason: "the client disconnected")
        }
        if stream.hasTimedOut {
            _ = await stream.run.result()
            await queued?.value
            log.log("   HAPI: no record within \(timeout) s; reader stopped")
            throw HAPIError(.upstreamError, reason: "no data from the reader within the time limit")
        }
        if inputEnded {
            let result = await stream.run.result()
            Self.logOutcome(result, log: log)
            if result.failure != nil {
                await queued?.value
                throw HAPIError(.internalError, reason: "the reader failed")
            }
            stream.finishInput()
        }
        if stream.records == 0 {
            switch stream.ending {
            case .failure(let message):
                log.log("   HAPI: \(message)")
                stream.run.stop()
                _ = await stream.run.result()
                await queued?.value
                throw HAPIError(.internalError, reason: "reader reported an exception")
            case .noData where !inputEnded:
                stream.run.stop()
                _ = await stream.run.result()
            case .noData, nil:
                break
            }
            return response(stream, complete: true, validators: validators, queued: queued)
        }
        if stream.ending == .noData && !inputEnded {
            // The reader said there is nothing more after the records it sent: stop and reap it.
            stream.run.stop()
            Self.logOutcome(await stream.run.result(), log: log)
        }
        return response(stream, complete: inputEnded || stream.ending == .noData, validators: validators, queued: queued)
    }

    /// Starts the stages of the plan, with the in-process reduction when the bins are not
    /// cached.
    private func startPipeline(_ plan: HAPIRecordSource, begin: HAPITime, end: HAPITime) throws(HAPIError) -> HAPIDataStream {
        let dataset = request.dataset
        let drops = HAPIBinningTransformer.Counter()
        var stages = plan.stages
        let source: HAPIRecordSink.Source
        switch dataset.kind {
        case .packet(let id):
            guard let layout = dataset.layout else { throw HAPIError(.internalError) }
            source = .packet(id: id, layout: layout)
        case .declared:
            source = .declared(items: dataset.parameters.dropFirst().map(\.planeName))
        case .reduced(let id, let seconds, _, let baseLayout):
            guard let layout = dataset.layout else { throw HAPIError(.internalError) }
            source = .packet(id: id, layout: layout)
            if plan.needsBinning {
                let range = (begin.microsecondsRoundedUp, end.microsecondsRoundedUp)
                let averager: BinAverager
                do {
                    averager = try BinAverager.timeAverage(binSeconds: seconds, begin: Double(range.0), minMax: true)
                } catch {
                    site.note("cannot reduce to \(seconds) s: \(error.message)")
                    throw HAPIError(.internalError)
                }
                stages.append(.inProcess(
                    "das2_bin_avgsec -r -b", arguments: [begin.readerText, HAPINumberFormat.string(seconds)], name: "das2_bin_avgsec"
                ) {
                    HAPIBinningTransformer(packetID: id, layout: baseLayout, averager: averager, begin: range.0, end: range.1, dropped: drops)
                })
            }
        case .availability:
            throw HAPIError(.internalError)
        }
        let sink = HAPIRecordSink(
            source: source, encoder: HAPIRecordEncoder(format: request.format, parameters: request.parameters),
            start: request.start, stop: request.stop
        )
        let pipeline = site.pipeline(stages, source: request.source)
        site.context.log.log("   Exec Cmd: \(pipeline.commandDescription)")
        return HAPIDataStream(
            pipeline: pipeline, sink: sink, binningDrops: drops, logger: site.context.state.logger,
            clientDeparture: site.context.request.clientDeparture
        )
    }

    /// The `200` answer: status 1200 once a record is ready, 1201 for a complete stream without
    /// records; the body streams the rest and ends with trailers, or is cut off (§8.3).
    /// - Parameter queued: the queueing of missing cache blocks, awaited before the response ends.
    private func response(
        _ stream: HAPIDataStream, complete: Bool, validators: Validators?, queued: Task<Void, Never>?
    ) -> Das2Response {
        let status: HAPIStatus = stream.records > 0 ? .ok : .noData
        let prefix = self.prefix(status)
        let suffix = self.suffix
        let log = site.context.log
        return Das2Response(status: 200, reason: status.reasonPhrase(httpStatus: 200), headers: headers(status, validators: validators), body: .stream { writer in
            do {
                try await writer.write(stream.takeOutput(after: prefix))
                if !complete {
                    while let chunk = await stream.run.handoff.next() {
                        stream.consume(chunk)
                        let bytes = stream.takeOutput()
                        if !bytes.isEmpty { try await writer.write(bytes) }
                        if stream.ending != nil { break }
                    }
                    if stream.run.clientDeparted { throw CancellationError() }
                    if stream.ending != nil { stream.run.stop() }
                    let result = await stream.run.result()
                    Self.logOutcome(result, log: log)
                    if result.failure == nil, stream.ending == nil { stream.finishInput() }
                    if let failure = result.failure {
                        log.log("   HAPI: reader failed after the first record (\(failure.description)); response cut off")
                        throw Das2ResponseAbort()
                    }
                    if case .failure(let message) = stream.ending {
                        log.log("   HAPI: \(message) after the first record; response cut off")
                        throw Das2ResponseAbort()
                    }
                }
                try await writer.write(stream.takeOutput(appending: suffix))
            } catch let abort as Das2ResponseAbort {
                await queued?.value
                throw abort
            } catch {
                stream.run.stop()
                _ = await stream.run.result()
                await queued?.value
                log.log("   HAPI: client disconnected; reader stopped")
                throw error
            }
            await queued?.value
            let records = stream.records
            log.log("   HAPI: \(records) records sent, \(stream.dropped) dropped")
            writer.setTrailers(Self.trailers(
                status: records > 0 ? .ok : .noData, records: records, dropped: stream.dropped, digest: stream.contentDigest
            ))
        })
    }

    /// What comes before the records: the `#` header of `include=header` (CSV, binary) or the
    /// JSON object up to `"data":[` (§6.4, §6.5).
    private func prefix(_ status: HAPIStatus) -> [UInt8] {
        let members = HAPIResponses.header(status) + request.dataset.infoMembers(parameters: request.parameters)
        switch request.format {
        case .json:
            var object = JSONValue.object(members + [("format", .string("json"))]).serialized(indent: 0)
            // `}` and the line end give way to the data member.
            object.removeLast(2)
            return object + Array(",\"data\":[".utf8)
        case .csv, .binary:
            guard request.includeHeader else { return [] }
            return [UInt8(ascii: "#")] + JSONValue.object(members + [("format", .string(request.format.rawValue))]).serialized(indent: 0)
        }
    }

    /// What ends a JSON body.
    private var suffix: [UInt8] {
        request.format == .json ? Array("\n]}\n".utf8) : []
    }

    private static func logOutcome(_ result: PipelineResult, log: RequestLog) {
        let standardError = String(decoding: result.standardError, as: UTF8.self)
        if !standardError.allSatisfy(\.isWhitespace) {
            log.log("   Pipeline stderr:")
            log.log(standardError)
        }
        if let failure = result.failure { log.log("   Pipeline failed: \(failure.description)") }
    }
}
