import Das2Core
import Das2Stream

/// Turns a packet type's planes into HAPI parameters (hapi.md §7.4.2–§7.4.4).
struct HAPIParameterBuilder {
    /// What a DSDF `item_NN` or `data_NN` says about a plane.
    struct Item: Sendable {
        var id: String
        var description: String?
        var units: String?
    }

    /// The items of a DSDF by plane name, first definition (in key order) winning.
    static func items(of dsdf: DSDF) -> [Item] {
        var items: [Item] = []
        var seen = Set<String>()
        let keys = dsdf.keys.filter { $0.hasPrefix("item_") || $0.hasPrefix("data_") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in keys {
            let fields = PipeList.split(dsdf[key] ?? "", escapes: true)
            guard let id = fields.first, !id.isEmpty, seen.insert(id).inserted else { continue }
            items.append(Item(
                id: id, description: fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil,
                units: fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
            ))
        }
        return items
    }

    let streamProperties: Das2Properties
    let items: [Item]

    /// The parameters of a packet type whose time plane is `timePlane`: `Time`, then every other
    /// plane in document order.
    func parameters(of header: PacketHeader, timePlane: Int) -> [HAPIParameter] {
        let (offsets, counted) = Self.positions(header)
        var naming = HAPINaming()
        let timePlaneValue = header.planes[timePlane]
        var result = [HAPIParameter.time(planeName: timePlaneValue.name, valueOffset: offsets[timePlane], units: timePlaneValue.units)]
        naming.reserve("Time")
        for (index, plane) in header.planes.enumerated() where index != timePlane {
            let name = naming.name(for: plane.name, fallback: "\(plane.kind.rawValue)_\(counted[index])")
            result.append(parameter(plane, name: name, packet: header.properties, valueOffset: offsets[index]))
        }
        return result
    }

    /// The parameters of a reduced packet type (§8.1.2): the means keep the base dataset's
    /// parameters, and each `P.min` / `P.max` plane becomes `P_min` / `P_max` with P's units,
    /// fill, size and bins, P's label plus ` min` / ` max`, and its own description.
    func reducedParameters(of header: PacketHeader, timePlane: Int, base: [HAPIParameter]) -> [HAPIParameter] {
        let (offsets, counted) = Self.positions(header)
        var naming = HAPINaming()
        naming.reserve("Time")
        let timePlaneValue = header.planes[timePlane]
        var result = [HAPIParameter.time(planeName: timePlaneValue.name, valueOffset: offsets[timePlane], units: timePlaneValue.units)]
        var byPlane: [String: HAPIParameter] = [:]
        for (index, plane) in header.planes.enumerated() where index != timePlane {
            let operation = plane.properties["operation"]?.value
            let sourceName = plane.properties["source"]?.value ?? plane.name
            guard operation == "BIN_MIN" || operation == "BIN_MAX", let mean = byPlane[sourceName] else {
                let meanBase = base.first { $0.planeName == plane.name && $0.kind != .isotime }
                var parameter = self.parameter(
                    plane, name: naming.name(for: plane.name, fallback: "\(plane.kind.rawValue)_\(counted[index])"),
                    packet: header.properties, valueOffset: offsets[index]
                )
                if let meanBase {
                    parameter.label = meanBase.label
                    parameter.description = meanBase.description
                    parameter.units = meanBase.units
                }
                byPlane[plane.name] = parameter
                result.append(parameter)
                continue
            }
            let isMinimum = operation == "BIN_MIN"
            var parameter = mean
            parameter.name = naming.name(for: sourceName + (isMinimum ? "_min" : "_max"), fallback: mean.name)
            parameter.planeName = plane.name
            parameter.valueOffset = offsets[index]
            parameter.valueCount = plane.items
            parameter.fillValue = plane.fill(packet: header.properties, stream: streamProperties)
            parameter.label = mean.label.map { $0 + (isMinimum ? " min" : " max") }
            parameter.description = "\(isMinimum ? "minimum" : "maximum") of \(mean.name) in each bin"
            result.append(parameter)
        }
        return result
    }

    /// Each plane's first value in a decoded record, and its number among the planes of its
    /// kind (from 1, for the names of unnamed planes).
    private static func positions(_ header: PacketHeader) -> (offsets: [Int], counts: [Int]) {
        var offsets: [Int] = []
        var counts: [Int] = []
        var offset = 0
        var kindCounts: [Plane.Kind: Int] = [:]
        for plane in header.planes {
            offsets.append(offset)
            offset += plane.items
            kindCounts[plane.kind, default: 0] += 1
            counts.append(kindCounts[plane.kind, default: 0])
        }
        return (offsets, counts)
    }

    /// One non-time plane as a parameter.
    func parameter(_ plane: Plane, name: String, packet: Das2Properties, valueOffset: Int) -> HAPIParameter {
        let item = items.first { $0.id == plane.name }
        let fill = plane.fill(packet: packet, stream: streamProperties)
        var parameter = HAPIParameter(
            name: name, kind: .double, units: nil, fill: nil, planeName: plane.name, valueOffset: valueOffset,
            valueCount: plane.items, fillValue: fill
        )
        if plane.units.timeScale != nil {
            parameter.kind = .isotime
            parameter.units = "UTC"
            parameter.fill = "0001-01-01T00:00:00.000000Z"
            parameter.length = IsoTimeWriter.length
            parameter.timeUnits = plane.units
            parameter.fillValue = Plane.defaultFill
        } else {
            parameter.units = Self.nonBlank(plane.units.symbol) ?? item?.units.flatMap(Self.nonBlank)
            parameter.fill = HAPINumberFormat.string(fill)
        }
        let labelName = plane.kind == .y ? "yLabel" : (plane.kind == .x ? nil : "zLabel")
        parameter.label = labelName.flatMap { cascaded($0, plane: plane, packet: packet) }.flatMap(Self.cleanLabel)
        let summaryName = plane.kind == .y ? "ySummary" : (plane.kind == .x ? nil : "zSummary")
        parameter.description = item?.description ?? summaryName.flatMap { cascaded($0, plane: plane, packet: packet) }.flatMap(Self.nonBlank)
        if plane.kind == .yscan, plane.items > 1 {
            parameter.size = [plane.items]
            parameter.bins = [bins(plane, packet: packet)]
        }
        return parameter
    }

    private func bins(_ plane: Plane, packet: Das2Properties) -> HAPIBins {
        let yUnits = plane.yUnits ?? .dimensionless
        let name: String
        if cascaded("renderer", plane: plane, packet: packet)?.lowercased() == "waveform" {
            name = "time_offset"
        } else if yUnits.factor(to: .hertz) != nil {
            name = "frequency"
        } else if yUnits.factor(to: Units("eV")) != nil {
            name = "energy"
        } else if case .index = plane.yTags ?? .index {
            name = "index"
        } else {
            name = "y"
        }
        return HAPIBins(
            name: name, units: Self.nonBlank(yUnits.symbol) ?? "dimensionless",
            centers: (plane.yTags ?? .index).values(count: plane.items),
            label: cascaded("yLabel", plane: plane, packet: packet).flatMap(Self.cleanLabel)
        )
    }

    /// A property looked up plane → packet → stream (stream-das2.md §7).
    private func cascaded(_ name: String, plane: Plane, packet: Das2Properties) -> String? {
        (plane.properties[name] ?? packet[name] ?? streamProperties[name])?.value
    }

    /// A label without the das2 formatting escapes (`!A !B !C !D !U !E !I !N !R !S !K` removed,
    /// `!!` made `!`), trimmed; nil when nothing is left.
    static func cleanLabel(_ text: String) -> String? {
        let removed = Set("ABCDUEINRSK")
        var result = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "!" else {
                result.append(character)
                continue
            }
            guard let next = characters.next() else {
                result.append("!")
                break
            }
            if next == "!" {
                result.append("!")
            } else if !removed.contains(next) {
                result.append("!")
                result.append(next)
            }
        }
        return nonBlank(result.trimmingCharacters(\.isWhitespace))
    }

    /// Text with something other than white space, or nil (the schema refuses blank units and labels).
    static func nonBlank(_ text: String) -> String? {
        text.contains { !$0.isWhitespace } ? text : nil
    }
}
