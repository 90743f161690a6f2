import Das2Core

// `/source/NAME.json` (server-protocol.md §5.5, dsdf.md §6.2): the das2.3 interface definition.
extension RequestContext {
    func sourceDefinition() throws(Das2ServerError) -> Das2Response {
        var name = String(request.pathInfo.dropFirst("/source".count).drop { $0 == "/" })
        if name.hasSuffix(".json") { name = String(name.dropLast(5)) }
        name = try QueryValidation.datasetName(name)
        let dsdf = try loadPublicSource(name)
        let definition = try interfaceDefinition(dsdf, name: name)
        return bytesResponse(definition.serialized(), contentType: CommonHeaders.json)
    }

    private func interfaceDefinition(_ dsdf: DSDF, name: String) throws(Das2ServerError) -> JSONValue {
        let isQStream = !dsdf.isTrue("das2Stream") && dsdf.isTrue("qstream")
        let textMIME = isQStream ? "text/vnd.das2.qstream; charset=utf-8" : "text/vnd.das2.das2stream; charset=utf-8"
        let now = ServerState.now()
        let range = (try? ValidRange(parsing: dsdf["validRange"], now: now)) ?? ValidRange.fallback(now: now)
        let examples: [ExampleRange]
        do {
            examples = try dsdf.exampleRanges()
        } catch {
            throw Das2ServerError(.serverError, error.message)
        }
        let requiresInterval = dsdf.isTrue("requiresInterval")
        let reducer = dsdf["reducer"] ?? (isQStream ? configuration.qstreamReducer : configuration.das2Reducer)
        let reducible = !requiresInterval && reducer != nil && !["not_reducible", "not_reducable"].contains(reducer ?? "")
        let baseName = (name.split(separator: "/").last.map(String.init) ?? name).replacing(" ", with: "_")

        var source: [(String, JSONValue)] = []
        var contacts: [(String, JSONValue)] = []
        for entry in dsdf.entries where entry.key.hasSuffix("Contact") && Self.isPublicKey(entry.key) {
            let purpose = entry.key == "techContact" ? "technical" : entry.key == "sciContact" ? "scientific" : "other"
            for contact in Contact.list(parsing: entry.value) {
                var item: [(String, JSONValue)] = [("PURPOSE", .string(purpose))]
                if let email = contact.email { item.append(("EMAIL", .string(email))) }
                contacts.append((contact.name, .object(item)))
            }
        }
        source.append(("CONTACTS", .object(contacts)))
        if let summary = dsdf["summary"] { source.append(("DESC", .string(summary))) }
        let defaultFormat: JSONValue = dsdf.contains("das2Stream")
            ? .object([("MIME", .string("application/vnd.das2.das2stream")), ("VERSION", .string("2.2"))])
            : .object([("MIME", .string("application/vnd.das2.qstream"))])
        var available: [(String, JSONValue)] = [("MIME", .string(textMIME))]
        if !isQStream { available.append(("VERSION", .string("2.2"))) }
        source.append(("FORMATS", .object([("DEFAULT", defaultFormat), ("AVAILABLE", .array([.object(available)]))])))
        let readAccess = dsdf["readAccess"] ?? dsdf["groupAccess"].map { "GROUP:" + $0 }
        let authRequired = readAccess == nil ? "no" : readAccess!.containsBytesIgnoringASCIICase("age") ? "new_data_only" : "yes"
        source.append((
            "ACCESS",
            .array([.object([
                ("BASE_URL", .string(scriptURL + "/data/" + name)), ("METHOD", .string("http_get_query")),
                ("AUTH_REQUIRED", .string(authRequired)),
            ])])
        ))

        var coordinates: [(String, JSONValue)] = []
        var subset: [(String, JSONValue)] = []
        if dsdf["implicitTimeItem"].map({ !["false", "0", "no"].contains($0.lowercased()) }) ?? true {
            var select: [(String, JSONValue)] = [("MIN", .string("time.min")), ("MAX", .string("time.max"))]
            if reducible {
                select.append(("RES", .string("time.res")))
            } else if requiresInterval {
                select.append(("INT", .string("time.int")))
            }
            coordinates.append((
                "time",
                .object([
                    ("TITLE", .string("Spacecraft Event Time (UTC)")), ("UNITS", .string("UTC")),
                    ("RANGE", .object([("MIN", .string(range.beginText)), ("MAX", .string(range.endText))])),
                    ("SELECT", .object(select)),
                ])
            ))
            var minimum: [(String, JSONValue)] = [("TITLE", .string("Minimum time value")), ("VAL_TYPE", .string("isotime")), ("REQUIRED", .bool(true))]
            var maximum: [(String, JSONValue)] = [("TITLE", .string("Maximum time value")), ("VAL_TYPE", .string("isotime")), ("REQUIRED", .bool(true))]
            if let last = examples.last {
                minimum.append(("DEFAULT", .string(last.begin)))
                maximum.append(("DEFAULT", .string(last.end)))
            }
            var time: [(String, JSONValue)] = [("min", .object(minimum)), ("max", .object(maximum))]
            if reducible {
                time.append(("res", .object([("TITLE", .string("Time Average Seconds")), ("VAL_TYPE", .string("real")), ("UNITS", .string("s")), ("REQUIRED", .bool(false))])))
            } else if requiresInterval {
                time.append(("int", .object([("TITLE", .string("Time Interval between points")), ("VAL_TYPE", .string("real")), ("UNITS", .string("s")), ("REQUIRED", .bool(true))])))
            }
            subset.append(("time", .object(time)))
        }
        for entry in dsdf.entries where entry.key.hasPrefix("coord_") {
            let fields = PipeList.split(entry.value, escapes: true)
            guard let coordinate = fields.first, !coordinate.isEmpty else { continue }
            var item: [(String, JSONValue)] = []
            if fields.count > 1, !fields[1].isEmpty { item.append(("UNITS", .string(fields[1]))) }
            if fields.count > 2, !fields[2].isEmpty { item.append(("TITLE", .string(fields[2]))) }
            coordinates.append((coordinate, .object(item)))
        }
        source.append(("COORDINATES", .object(coordinates)))

        var data: [(String, JSONValue)] = []
        for entry in dsdf.entries where entry.key.hasPrefix("item_") || entry.key.hasPrefix("data_") {
            let fields = PipeList.split(entry.value, escapes: true)
            guard let id = fields.first, !id.isEmpty else { continue }
            var item: [(String, JSONValue)] = []
            if fields.count > 1, !fields[1].isEmpty { item.append(("TITLE", .string(fields[1]))) }
            if fields.count > 2, !fields[2].isEmpty { item.append(("UNITS", .string(fields[2]))) }
            data.append((id, .object(item)))
        }
        source.append(("DATA", .object(data)))

        let options: JSONValue = .object([(
            "params",
            .object([
                ("REQUIRED", .bool(false)), ("TYPE", .string("text")), ("TITLE", .string("Reader Parameters")),
                ("SUMMARY", .string("Generic reader command pass through")),
            ])
        )])
        let output: JSONValue = .object([(
            "text",
            .object([
                ("TITLE", .string("Convert Binary Values to Text")), ("TYPE", .string("boolean")),
                ("DEFAULT", .bool(false)), ("REQUIRED", .bool(false)), ("MIME", .string(textMIME)),
            ])
        )])
        source.append(("QUERY_PARAMS", .object([("COORD_SUBSET", .object(subset)), ("OPTIONS", options), ("OUTPUT", output)])))

        var queryExamples: [JSONValue] = []
        for example in examples {
            var parameters: [(String, JSONValue)] = [("start_time", .string(example.begin)), ("end_time", .string(example.end))]
            var url = "\(scriptURL)/data/\(name)?time.min=\(URLText.encode(example.begin, keeping: "/:"))&time.max=\(URLText.encode(example.end, keeping: "/:"))"
            if requiresInterval, let interval = example.interval {
                parameters.append(("interval", Self.number(interval)))
                url += "&time.int=\(URLText.encode(interval, keeping: "/:"))"
            } else if reducible {
                let resolution = example.resolution.flatMap(Double.init) ?? Self.defaultResolution(example, now: now)
                if let resolution {
                    parameters.append(("resolution", .number(resolution)))
                    url += "&time.res=\(resolution)"
                }
            }
            if let extra = example.parameters {
                parameters.append(("params", .string(extra)))
                url += "&params=\(URLText.encode(extra, keeping: "/:"))"
            }
            var item: [(String, JSONValue)] = []
            if let title = example.title { item.append(("title", .string(title))) }
            item.append(("http_params", .object(parameters)))
            item.append(("URL", .string(url)))
            queryExamples.append(.object(item))
        }
        source.append(("QUERY_EXAMPLES", .array(queryExamples)))

        var members: [(String, JSONValue)] = [
            ("TYPE", .string("Das2Source")), ("NAME", .string(baseName)), ("TITLE", .string(dsdf["description"] ?? "")),
        ]
        if let site = configuration.sitePathURI { members.append(("PATH_URI", .string(site + "/" + name.lowercased()))) }
        members.append(("LINKS", .array([])))
        members.append(("SOURCE", .object(source)))
        return .object(members)
    }

    private static func number(_ text: String) -> JSONValue {
        Double(text).map { .number($0) } ?? .string(text)
    }

    /// (END − BEGIN) / 2000 seconds, the default resolution of an example.
    private static func defaultResolution(_ example: ExampleRange, now: DasTime) -> Double? {
        guard let begin = try? DasTime(parsing: example.begin, defaultYear: now.year),
            let end = try? DasTime(parsing: example.end, defaultYear: now.year)
        else { return nil }
        let seconds = TimeScale.t1970.value(from: end) - TimeScale.t1970.value(from: begin)
        return seconds > 0 ? (seconds / 2000 * 1e9).rounded() / 1e9 : nil
    }
}
