import Das2Core
import Das2Examples
import Das2Stream
import Testing

/// Stream contents of each reader: planes, cadence, grid alignment, values.
@Suite struct ReaderStreamTests {
    @Test func randomHasThreeComponentsInRangeAtOneSecond() throws {
        let run = ReaderRun("random", ["2017-01-01T00:00:00.5", "2017-01-01T00:00:10"])
        let stream = try Das2StreamContents(chunks: run.chunks)
        #expect(stream.planeNames == ["Bx", "By", "Bz"])
        let packet = try #require(stream.packets.first)
        #expect(packet.planes[0].encoding == .littleEndianReal8)
        #expect(packet.planes[0].units == .us2000)
        #expect(packet.planes.dropFirst().allSatisfy { $0.encoding == .littleEndianReal4 && $0.units.symbol == "nT" })
        #expect(stream.header?.properties["xTagWidth"]?.seconds == 1)
        let start = try us2000("2017-01-01T00:00:01")
        #expect(stream.records.map { $0.values[0] } == (0..<9).map { start + Double($0) * 1e6 })
        let values = stream.records.flatMap { $0.values.dropFirst() }
        #expect(values.allSatisfy { -10 <= $0 && $0 < 10 })
        #expect(Set(values).count == values.count)
    }

    @Test func endTimeIsExclusiveAndBeginInclusive() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("random", ["2017-01-01T00:00:00", "2017-01-01T00:00:03"]).chunks)
        let start = try us2000("2017-01-01")
        #expect(stream.records.map { $0.values[0] } == [start, start + 1e6, start + 2e6])
    }

    @Test func overlappingRequestsAgreeOnSharedRecords() throws {
        let first = try Das2StreamContents(chunks: ReaderRun("survey", ["2017-03-01T00:00", "2017-03-01T00:01"]).chunks)
        let second = try Das2StreamContents(chunks: ReaderRun("survey", ["2017-03-01T00:00:30", "2017-03-01T00:02"]).chunks)
        let split = try us2000("2017-03-01T00:00:30")
        let tail = first.records.filter { $0.values[0] >= split }
        let head = second.records.prefix(tail.count)
        #expect(tail.count == 30 + 7)
        #expect(tail.map(\.id) == head.map(\.id))
        #expect(tail.map(\.values) == head.map(\.values))
    }

    @Test func emptyRangeGivesNoDataException() throws {
        let run = ReaderRun("random", ["2017-01-01T00:00:00.2", "2017-01-01T00:00:00.7"])
        #expect(run.status == 0)
        let stream = try Das2StreamContents(chunks: run.chunks)
        #expect(stream.header != nil)
        #expect(stream.records.isEmpty)
        #expect(stream.exceptions.map(\.type) == ["NoDataInInterval"])
    }

    @Test func waveformIsAYscanOfSampleOffsets() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("waveform", ["2017-01-01T00:00", "2017-01-01T00:00:01"]).chunks)
        #expect(stream.header?.properties["renderer"]?.value == "waveform")
        #expect(stream.header?.properties["xTagWidth"]?.seconds == 0.1)
        let plane = try #require(stream.packets.first?.planes.last)
        #expect(plane.kind == .yscan && plane.name == "Ew" && plane.items == 1000)
        #expect(plane.yUnits == .seconds)
        let tags = try #require(plane.yTags).values(count: plane.items)
        #expect(tags.first == 0)
        #expect(abs(tags[999] - 0.0999) < 1e-12)
        #expect(stream.records.count == 10)
        let start = try us2000("2017-01-01")
        #expect(stream.records.map { $0.values[0] } == (0..<10).map { start + Double($0) * 1e5 })
        let samples = stream.records.flatMap { $0.values.dropFirst() }
        #expect(samples.allSatisfy { abs($0) < 1.6e-3 })
        #expect(samples.contains { $0 > 4e-4 } && samples.contains { $0 < -4e-4 })
    }

    @Test func waveformIsContinuousAcrossRecords() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("waveform", ["2017-01-01T00:00", "2017-01-01T00:00:00.2"]).chunks)
        #expect(stream.records.count == 2)
        // The tone's phase carries on: the step from the first record's last sample to the
        // second record's first is no larger than the steps inside a record.
        let samples = stream.records[0].values.dropFirst()
        let largestStep = zip(samples, samples.dropFirst()).map { abs($1 - $0) }.max()!
        #expect(abs(stream.records[1].values[1] - stream.records[0].values[1000]) <= largestStep)
    }

    @Test func spectrogramHasLogSpacedFrequenciesAndFill() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("spectrogram", ["2017-01-01T00:00", "2017-01-01T00:15"]).chunks)
        let packet = try #require(stream.packets.first)
        let plane = packet.planes[1]
        #expect(plane.kind == .yscan && plane.name == "PSD" && plane.items == 48)
        #expect(plane.units.symbol == "V**2 m**-2 Hz**-1")
        #expect(plane.yUnits == .hertz)
        let tags = try #require(plane.yTags).values(count: 48)
        #expect(abs(tags[0] - 10) < 1e-9 && abs(tags[47] - 1e5) < 1e-6)
        #expect(zip(tags, tags.dropFirst()).allSatisfy { $0 < $1 })
        let header = try #require(stream.header)
        let fill = plane.fill(packet: packet.properties, stream: header.properties)
        #expect(fill == -1e31)
        #expect(stream.records.count == 900)
        let values = stream.records.flatMap { $0.values.dropFirst() }
        let filled = values.filter { Plane.isFill($0, fill: fill) }
        #expect(!filled.isEmpty && filled.count < values.count / 20)
        #expect(values.filter { !Plane.isFill($0, fill: fill) }.allSatisfy { $0 > 0 && $0 < 1e-8 })
    }

    @Test(arguments: [
        ([String](), [1, 2]), (["E"], [1]), (["B"], [2]), (["B", "E"], [1, 2]), (["E", "E"], [1]),
    ])
    func surveyParametersSelectPacketTypes(params: [String], ids: [Int]) throws {
        let run = ReaderRun("survey", ["2017-01-01T00:00", "2017-01-01T00:01"] + params)
        #expect(run.status == 0)
        let stream = try Das2StreamContents(chunks: run.chunks)
        #expect(stream.packets.map(\.id) == ids)
        #expect(Set(stream.records.map(\.id)) == Set(ids))
        #expect(stream.records.filter { $0.id == 1 }.count == (ids.contains(1) ? 60 : 0))
        #expect(stream.records.filter { $0.id == 2 }.count == (ids.contains(2) ? 15 : 0))
    }

    @Test func surveyInterleavesPacketTypesInTimeOrder() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("survey", ["2017-01-01T00:00", "2017-01-01T00:00:09"]).chunks)
        #expect(stream.records.map(\.id) == [1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2])
        let times = stream.records.map { $0.values[0] }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(stream.packets.map { $0.properties["xTagWidth"]?.seconds } == [1, 4])
        #expect(stream.planeNames == ["Ex", "Ey", "Bx", "By", "Bz"])
    }

    @Test func ephemerisFollowsTheInterval() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("ephemeris", ["600", "2017-01-01", "2017-01-03"]).chunks)
        #expect(stream.planeNames == ["R", "Lat", "LT"])
        #expect(stream.header?.properties["xTagWidth"]?.seconds == 600)
        #expect(stream.records.count == 288)
        let start = try us2000("2017-01-01")
        #expect(stream.records.enumerated().allSatisfy { $0.element.values[0] == start + Double($0.offset) * 6e8 })
        let distances = stream.records.map { $0.values[1] }
        #expect(abs(distances[0] - 1.1) < 1e-5)
        #expect(distances.allSatisfy { 1.1 - 1e-5 <= $0 && $0 <= 30 + 1e-5 })
        #expect(distances.max()! > 29)
        #expect(stream.records.allSatisfy { abs($0.values[2]) <= 60 + 1e-4 && (0..<24).contains($0.values[3]) })
    }

    @Test func ephemerisAcceptsFractionalIntervals() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("ephemeris", ["0.5", "2017-01-01T00:00:00.2", "2017-01-01T00:00:02"]).chunks)
        let start = try us2000("2017-01-01")
        #expect(stream.records.map { $0.values[0] } == [0.5, 1, 1.5].map { start + $0 * 1e6 })
    }

    @Test func qstreamHasTimeDensityAndTemperature() throws {
        let run = ReaderRun("qstream", ["2017-01-01T00:00", "2017-01-01T00:01"])
        #expect(run.status == 0)
        let stream = try QStreamContents(chunks: run.chunks)
        #expect(stream.warnings.isEmpty)
        #expect(stream.descriptor?.datasetID == "density")
        let datasets = try #require(stream.packets.first).datasets
        #expect(datasets.map(\.id) == ["time", "density", "temperature"])
        #expect(datasets.map(\.units) == ["us2000", "cm**-3", "eV"])
        #expect(datasets.dropFirst().allSatisfy { $0.property(named: "DEPEND_0")?.value == "time" })
        let start = try us2000("2017-01-01")
        #expect(stream.records.map { $0[0] } == (0..<6).map { start + Double($0) * 1e7 })
        #expect(stream.records.allSatisfy { $0[1] > 1 && $0[1] < 9 && $0[2] > 2 && $0[2] < 40 })
    }

    @Test func qstreamEmptyRangeGivesNoDataException() throws {
        let run = ReaderRun("qstream", ["2017-01-01T00:00:01", "2017-01-01T00:00:05"])
        #expect(run.status == 0)
        let stream = try QStreamContents(chunks: run.chunks)
        #expect(stream.descriptor != nil)
        #expect(stream.records.isEmpty)
        #expect(stream.exceptions.map(\.type) == ["NoDataInInterval"])
    }

    @Test func timesBefore2000StayOnTheGrid() throws {
        let stream = try Das2StreamContents(chunks: ReaderRun("random", ["1999-12-31T23:59:58.5", "2000-01-01T00:00:01"]).chunks)
        #expect(stream.records.map { $0.values[0] } == [-1e6, 0])
    }
}
