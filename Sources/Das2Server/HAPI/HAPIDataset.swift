import Das2Core

/// One HAPI dataset (hapi.md §7.2): what `/info` says about it and how `/data` produces it.
struct HAPIDataset: Sendable {
    /// Where the records come from.
    enum Kind: Sendable {
        /// The records of one probed packet type.
        case packet(id: Int)
        /// The items of a DSDF whose probe failed (§7.4.6).
        case declared
        /// A packet type's records reduced to bins of `seconds` (§8.1); `baseLayout` is the
        /// definition the packet type's records must have before reduction.
        case reduced(packetID: Int, seconds: Double, level: CacheLevel, baseLayout: HAPIPlanes.Layout)
        /// Intervals of cache coverage (§8.4).
        case availability
    }

    var id: String
    var title: String
    var kind: Kind
    var parameters: [HAPIParameter]
    /// The definition records must have (§7.4.5); nil for declared and availability datasets.
    var layout: HAPIPlanes.Layout?
    /// The valid range, microseconds since 2000.
    var startDate: Int64
    var stopDate: Int64
    var sampleStartDate: Int64?
    var sampleStopDate: Int64?
    /// Seconds between records, when known.
    var cadence: Double?
    /// The `maxRequestDuration` text and its length in seconds.
    var maximumDuration: (text: String, seconds: Double)?
    var description: String?
    var contact: String?
    var timeStampLocation: String?
    /// The `x_das2` member.
    var extra: JSONValue

    /// The packet id whose records the dataset uses.
    var packetID: Int? {
        switch kind {
        case .packet(let id), .reduced(let id, _, _, _): id
        case .declared, .availability: nil
        }
    }

    /// The `/info` members after `HAPI` and `status` (§7.4.1), for the given parameters.
    func infoMembers(parameters selected: [HAPIParameter]) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("startDate", .string(Self.metadataTime(startDate))), ("stopDate", .string(Self.metadataTime(stopDate))),
        ]
        if let sampleStartDate, let sampleStopDate {
            members.append(("sampleStartDate", .string(Self.metadataTime(sampleStartDate))))
            members.append(("sampleStopDate", .string(Self.metadataTime(sampleStopDate))))
        }
        if let cadence { members.append(("cadence", .string("PT\(HAPINumberFormat.durationSeconds(cadence))S"))) }
        if let maximumDuration { members.append(("maxRequestDuration", .string(maximumDuration.text))) }
        if let description { members.append(("description", .string(description))) }
        if let contact { members.append(("contact", .string(contact))) }
        if let timeStampLocation { members.append(("timeStampLocation", .string(timeStampLocation))) }
        members.append(("parameters", .array(selected.map(\.json))))
        members.append(("x_das2", extra))
        return members
    }

    /// A time in the metadata form of §4.3.
    static func metadataTime(_ microseconds: Int64) -> String {
        HAPITime(microseconds: microseconds).metadataText
    }

    /// The parameters a `parameters` list selects (§3.3): the time parameter, then the named
    /// ones in /info order.
    /// - Throws: 1407 for an unknown or empty name, 1411 for a repeated or out-of-order one.
    func selectParameters(_ list: String?) throws(HAPIError) -> [HAPIParameter] {
        guard let list, !list.isEmpty else { return parameters }
        var positions: [Int] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let position = parameters.firstIndex(where: { $0.name == name }) else {
                throw HAPIError(.unknownDatasetParameter)
            }
            positions.append(position)
        }
        for (index, position) in positions.enumerated() where index > 0 && position <= positions[index - 1] {
            throw HAPIError(.parameterOrder)
        }
        return [parameters[0]] + positions.filter { $0 != 0 }.map { parameters[$0] }
    }
}
