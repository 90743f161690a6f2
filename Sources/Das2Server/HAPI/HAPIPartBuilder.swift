import Das2Core
import Das2Stream

/// Builds the datasets of one part.
struct HAPIPartBuilder {
    let site: HAPISite
    let source: HAPISource
    let part: HAPISourcePart
    let validRange: (begin: Int64, end: Int64)
    let probeRange: (begin: Int64, end: Int64)?
    let items: [HAPIParameterBuilder.Item]

    init(
        site: HAPISite, source: HAPISource, part: HAPISourcePart, validRange: (begin: Int64, end: Int64),
        probeRange: (begin: Int64, end: Int64)?, items: [HAPIParameterBuilder.Item]
    ) {
        self.site = site
        self.source = source
        self.part = part
        self.validRange = validRange
        self.probeRange = probeRange
        self.items = items
    }

    /// The part's title (§7.2.4).
    private var title: String {
        let subDescription = part.subSource?.description
        return [subDescription, source.dsdf["description"]].compactMap { $0 }.first { !$0.isEmpty } ?? part.key
    }

    /// The `description` member: sub-source description, else `summary`, else `description`.
    private var description: String? {
        [part.subSource?.description, source.dsdf["summary"], source.dsdf["description"]].compactMap { $0 }
            .first { !$0.isEmpty }
    }

    private var contact: String? {
        [source.dsdf["sciContact"], source.dsdf["techContact"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// `hapiMaxRequestDuration`, else `HAPI_MAX_REQUEST_DURATION` (§7.7).
    private var maximumDuration: (text: String, seconds: Double)? {
        guard let text = source.dsdf["hapiMaxRequestDuration"] ?? site.configuration.hapiMaxRequestDuration else { return nil }
        guard let seconds = ISODuration.seconds(text), seconds > 0 else {
            site.note("\(source.name): ignoring the request duration limit '\(text)', not an ISO 8601 duration")
            return nil
        }
        return (text, seconds)
    }

    /// The levels of §8.1.1 for this part: resolution > 0, matching parameters, dividing a day,
    /// ascending.
    private var reductionLevels: [CacheLevel] {
        guard source.isReducible, !part.isReduced, !part.requiresInterval,
            let levels = try? source.dsdf.cacheLevels().levels
        else { return [] }
        return levels.filter { level in
            guard level.resolutionSeconds > 0, level.normalizedParameters == part.normalizedParameters else { return false }
            let perDay = 86_400 / level.resolutionSeconds
            return abs(perDay - perDay.rounded()) < 1e-9
        }.sorted { $0.resolutionSeconds < $1.resolutionSeconds }
    }

    func datasets(probe: HAPIProbeResult) -> [HAPIDataset] {
        guard let first = probe.packets.first else { return [] }
        let primaryID = first.header.id
        let ordered = [first] + probe.packets.dropFirst().sorted { $0.header.id < $1.header.id }
        let levels = reductionLevels
        let packetIDs = ordered.map { datasetID(packet: $0.header.id, primary: primaryID) }
        let availabilityID = part.key + ":x_availability"
        var packetDatasets: [HAPIDataset] = []
        var reduced: [HAPIDataset] = []
        var reducedOfPrimary: [(String, Double)] = []
        for packet in ordered {
            let id = datasetID(packet: packet.header.id, primary: primaryID)
            let parameterBuilder = HAPIParameterBuilder(streamProperties: probe.streamHeader.properties, items: items)
            guard let timePlane = HAPIPlanes.timePlaneIndex(packet.header) else { continue }
            var dataset = HAPIDataset(
                id: id, title: packet.header.id == primaryID ? title : title + " (packet \(Self.twoDigits(packet.header.id)))",
                kind: .packet(id: packet.header.id),
                parameters: parameterBuilder.parameters(of: packet.header, timePlane: timePlane),
                layout: HAPIPlanes.Layout(packet.header), startDate: validRange.begin, stopDate: validRange.end,
                cadence: cadence(packet.header.properties, stream: probe.streamHeader.properties),
                maximumDuration: maximumDuration, description: description, contact: contact,
                timeStampLocation: part.isReduced ? "center" : nil, extra: .null
            )
            setSampleDates(&dataset, probe: probe, packet: packet)
            var links: [(String, Double)] = []
            for level in levels {
                guard let reducedDataset = reducedDataset(of: dataset, packet: packet, probe: probe, level: level) else { continue }
                links.append((reducedDataset.id, level.resolutionSeconds))
                reduced.append(reducedDataset)
            }
            if packet.header.id == primaryID { reducedOfPrimary = links }
            dataset.extra = extra(packetID: packet.header.id, packets: packetIDs, reduced: links, availability: availabilityID)
            packetDatasets.append(dataset)
        }
        for index in reduced.indices {
            guard case .reduced(let packetID, let seconds, _, _) = reduced[index].kind else { continue }
            let base = packetDatasets.first { $0.packetID == packetID }
            let siblings = reduced.filter { $0.packetID == packetID }.compactMap { dataset -> (String, Double)? in
                guard case .reduced(_, let seconds, _, _) = dataset.kind else { return nil }
                return (dataset.id, seconds)
            }
            var extra = self.extra(packetID: packetID, packets: packetIDs, reduced: siblings, availability: availabilityID, resolution: seconds)
            extra.set("binning", .object([
                ("from", .string(base?.id ?? part.key)), ("resolution", .string("PT\(HAPINumberFormat.durationSeconds(seconds))S")),
                ("statistics", .array([.string("mean"), .string("min"), .string("max")])),
                ("origin", .string("2000-01-01T00:00:00Z")),
            ]))
            reduced[index].extra = extra
        }
        let primary = packetDatasets[0]
        let availability = availabilityDataset(
            primary: primary, packets: packetIDs, reduced: reducedOfPrimary, id: availabilityID
        )
        return packetDatasets + reduced + [availability]
    }

    func declaredDatasets() -> [HAPIDataset] {
        var naming = HAPINaming()
        naming.reserve("Time")
        var parameters = [HAPIParameter.time(planeName: "", valueOffset: 0, units: .us2000)]
        for item in items {
            parameters.append(HAPIParameter(
                name: naming.name(for: item.id, fallback: "y_\(parameters.count)"), kind: .double,
                units: item.units.flatMap(HAPIParameterBuilder.nonBlank), fill: "-1e+31", description: item.description,
                planeName: item.id
            ))
        }
        let availabilityID = part.key + ":x_availability"
        var dataset = HAPIDataset(
            id: part.key, title: title, kind: .declared, parameters: parameters, layout: nil,
            startDate: validRange.begin, stopDate: validRange.end, maximumDuration: maximumDuration,
            description: description, contact: contact, timeStampLocation: part.isReduced ? "center" : nil, extra: .null
        )
        dataset.extra = extra(packetID: nil, packets: [part.key], reduced: [], availability: availabilityID)
        return [dataset, availabilityDataset(primary: dataset, packets: [part.key], reduced: [], id: availabilityID)]
    }

    private static func twoDigits(_ id: Int) -> String {
        id < 10 ? "0\(id)" : "\(id)"
    }

    private func datasetID(packet id: Int, primary: Int) -> String {
        id == primary ? part.key : part.key + ":p" + Self.twoDigits(id)
    }

    /// `xTagWidth` of the packet, else of the stream, in seconds when positive.
    private func cadence(_ packet: Das2Properties, stream: Das2Properties) -> Double? {
        guard let seconds = (packet["xTagWidth"] ?? stream["xTagWidth"])?.seconds, seconds > 0, seconds.isFinite else { return nil }
        return seconds
    }

    /// Sample dates (§7.4.1): the probe range from the valid start, at most a day and at most
    /// 1000 of the packet type's records; for `AGE:` sources only when already public (§7.6).
    private func setSampleDates(_ dataset: inout HAPIDataset, probe: HAPIProbeResult, packet: HAPIProbeResult.Packet) {
        let start = max(probe.begin, validRange.begin)
        var stop = min(probe.end, start + 86_400_000_000)
        if let time1001 = packet.time1001 { stop = min(stop, time1001) }
        guard stop > start else { return }
        if let access = source.readAccess, access.hasAgeCondition {
            let lock = access.conditions.compactMap { condition -> Int64? in
                guard case .age(let age) = condition, let point = age.lockPoint(now: site.now) else { return nil }
                return HAPISite.microseconds(point)
            }.max()
            guard let lock, stop < lock else { return }
        }
        dataset.sampleStartDate = start
        dataset.sampleStopDate = stop
    }

    /// The reduced dataset of `base` at a level (§8.1.2).
    private func reducedDataset(
        of base: HAPIDataset, packet: HAPIProbeResult.Packet, probe: HAPIProbeResult, level: CacheLevel
    ) -> HAPIDataset? {
        let seconds = level.resolutionSeconds
        guard let (stream, header) = HAPIBinning.reducedHeaders(stream: probe.streamHeader, packet: packet.header, seconds: seconds),
            let timePlane = HAPIPlanes.timePlaneIndex(header)
        else { return nil }
        let parameterBuilder = HAPIParameterBuilder(streamProperties: stream.properties, items: items)
        let suffix = String(level.resolutionDirectory.dropFirst("bin-".count))
        let spoken = suffix.hasSuffix("ms") ? String(suffix.dropLast(2)) + " ms" : String(suffix.dropLast()) + " s"
        var dataset = HAPIDataset(
            id: base.id + ":x_bin-" + suffix, title: base.title + " (\(spoken) bins)",
            kind: .reduced(packetID: packet.header.id, seconds: seconds, level: level, baseLayout: HAPIPlanes.Layout(packet.header)),
            parameters: parameterBuilder.reducedParameters(of: header, timePlane: timePlane, base: base.parameters),
            layout: HAPIPlanes.Layout(header), startDate: base.startDate, stopDate: base.stopDate, cadence: seconds,
            maximumDuration: base.maximumDuration, description: base.description, contact: base.contact,
            timeStampLocation: "center", extra: .null
        )
        if let limit = base.maximumDuration, let cadence = base.cadence {
            let scaled = limit.seconds * seconds / cadence
            dataset.maximumDuration = ("PT\(HAPINumberFormat.durationSeconds(scaled))S", scaled)
        }
        if let start = base.sampleStartDate, let stop = base.sampleStopDate {
            let bin = Int64((seconds * 1e6).rounded())
            dataset.sampleStartDate = HAPIBinning.binStart(start, binMicroseconds: bin)
            dataset.sampleStopDate = HAPIBinning.binStart(stop + bin - 1, binMicroseconds: bin)
        }
        return dataset
    }

    /// The availability dataset of the part (§8.4).
    private func availabilityDataset(primary: HAPIDataset, packets: [String], reduced: [(String, Double)], id: String) -> HAPIDataset {
        var stop = HAPIParameter(name: "stop", kind: .isotime, units: "UTC", fill: nil, length: IsoTimeWriter.length)
        stop.valueOffset = 1
        var status = HAPIParameter(name: "status", kind: .string, units: nil, fill: nil, length: 7)
        status.valueOffset = 2
        return HAPIDataset(
            id: id, title: title + " (availability)", kind: .availability,
            parameters: [HAPIParameter.time(planeName: "", valueOffset: 0, units: .us2000), stop, status], layout: nil,
            startDate: primary.startDate, stopDate: primary.stopDate, sampleStartDate: primary.sampleStartDate,
            sampleStopDate: primary.sampleStopDate, description: "availability of \(part.key) derived from the server's cache",
            contact: contact,
            extra: extra(packetID: nil, packets: packets, reduced: reduced, availability: id)
        )
    }

    /// The `x_das2` member (§8.5); `binning` is added for reduced datasets.
    private func extra(
        packetID: Int?, packets: [String], reduced: [(String, Double)], availability: String, resolution: Double? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("source", .string(source.name))]
        if let subSource = part.subSource { members.append(("subSource", .string(subSource.id))) }
        if !part.parameterText.isEmpty { members.append(("readerParams", .string(part.parameterText))) }
        if let packetID { members.append(("packetId", .integer(packetID))) }
        if let probeRange { members.append(("stream", .string(streamURL(probeRange, resolution: resolution)))) }
        if source.isListed {
            var related: [(String, JSONValue)] = [("packets", .array(packets.map(JSONValue.string)))]
            if site.configuration.hapiExtensions {
                if !reduced.isEmpty {
                    related.append(("reduced", .array(reduced.map { link in
                        .object([("dataset", .string(link.0)), ("cadence", .string("PT\(HAPINumberFormat.durationSeconds(link.1))S"))])
                    })))
                }
                related.append(("availability", .string(availability)))
            }
            members.append(("related", .object(related)))
        }
        return .object(members)
    }

    /// The das2 query for the probe range (§8.5).
    private func streamURL(_ range: (begin: Int64, end: Int64), resolution: Double?) -> String {
        var url = site.context.scriptURL + "?server=dataset&dataset=" + URLText.encode(source.name, keeping: "/")
        url += "&start_time=" + HAPITime(microseconds: range.begin).readerText
        url += "&end_time=" + HAPITime(microseconds: range.end).readerText
        if !part.parameterText.isEmpty { url += "&params=" + URLText.encode(part.parameterText) }
        if part.requiresInterval, let interval = part.subSource?.resolutionText {
            url += "&interval=" + URLText.encode(interval)
        }
        if let seconds = resolution ?? (part.isReduced ? part.resolution : nil) {
            url += "&resolution=" + HAPINumberFormat.durationSeconds(seconds)
        }
        return url
    }
}
