import Das2Core
import Das2Pipeline

extension HAPISite {
    /// `/data` (§5.6).
    func data(_ query: HAPIQuery) async throws(HAPIError) -> Das2Response {
        let request = try await validateData(query)
        return try await HAPIDataResponder(site: self, request: request).respond(head: context.request.method.uppercased() == "HEAD")
    }

    /// Steps 1–11 of §2.5 for `/data`.
    func validateData(_ query: HAPIQuery) async throws(HAPIError) -> HAPIDataRequest {
        try query.requireKnownKeys(["dataset", "id", "start", "time.min", "stop", "time.max", "parameters", "include", "format"])
        try query.requireSingleValues(synonyms: [("dataset", "id"), ("start", "time.min"), ("stop", "time.max")])
        guard let id = query["dataset"] ?? query["id"] else {
            throw HAPIError(.userInputError, clarification: "dataset is missing")
        }
        let resolved = try await resolve(id)
        guard let start = (query["start"] ?? query["time.min"]).flatMap({ HAPITime(parsing: $0) }) else {
            throw HAPIError(.badStart)
        }
        guard let stop = (query["stop"] ?? query["time.max"]).flatMap({ HAPITime(parsing: $0) }) else {
            throw HAPIError(.badStop)
        }
        guard start < stop else { throw HAPIError(.startNotBeforeStop) }
        guard let format = HAPIFormat(rawValue: query["format"] ?? "csv") else { throw HAPIError(.unsupportedFormat) }
        let include = query["include"]
        guard include == nil || include == "header" else { throw HAPIError(.unsupportedInclude) }
        try authorize(resolved.source, begin: start.readerText, end: stop.readerText)
        let (_, dataset) = try await self.dataset(resolved)
        var parameters = try dataset.selectParameters(query["parameters"])
        if case .declared = dataset.kind {
            // The sink hands declared values over in selection order.
            for index in parameters.indices.dropFirst() { parameters[index].valueOffset = index - 1 }
        }
        let clippedStart = max(start, HAPITime(microseconds: dataset.startDate))
        let clippedStop = min(stop, HAPITime(microseconds: dataset.stopDate))
        guard clippedStart < clippedStop else {
            throw HAPIError(
                .outsideValidRange,
                clarification: "the dataset covers \(HAPIDataset.metadataTime(dataset.startDate)) to \(HAPIDataset.metadataTime(dataset.stopDate))"
            )
        }
        if let limit = dataset.maximumDuration, clippedStop.seconds(since: clippedStart) > limit.seconds {
            throw HAPIError(.tooMuchRequested, clarification: "the longest request is \(limit.text)")
        }
        return HAPIDataRequest(
            source: resolved.source, part: resolved.part, dataset: dataset, start: start, stop: stop,
            clippedStart: clippedStart, clippedStop: clippedStop, parameters: parameters, format: format,
            includeHeader: include == "header"
        )
    }
}
