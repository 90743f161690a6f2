import Das2Pipeline
@testable import Das2Server
import Das2Stream
import Logging
import Testing

/// The probe of hapi.md §7.3, reading fixture streams through real child processes.
struct HAPIProbeTests {
    static func probe(_ shellText: String, byteLimit: Int = 1 << 20) async -> Result<HAPIProbeResult, HAPIProbeFailure> {
        let pipeline = Pipeline(stages: [.command(shellText)], maximumDuration: .seconds(10))
        return await HAPIProbe.run(pipeline, begin: 0, end: 1, byteLimit: byteLimit, ranAt: 0, logger: Logger(label: "probe-test"))
    }

    @Test func everyPacketTypeIsRecordedPrimaryFirst() async throws {
        let result = try await Self.probe("cat '\(FixtureFiles.directory)/hapi_spec.d2t'").get()
        #expect(result.packets.map(\.header.id) == [1, 2])
        #expect(result.packets[0].records == 30 && result.packets[1].records == 6)
        #expect(result.packets[0].firstTime == 536_544_000_000_000)
        #expect(result.packets[1].firstTime == 536_544_300_000_000)
        #expect(result.packets[0].time1001 == nil)
        #expect(result.streamHeader.properties["title"]?.value == "Fixture spectra")
    }

    @Test func aStreamWithoutRecordsFails() async {
        let header = "[00]000066<stream version=\\\"2.2\\\"><properties String:title=\\\"probe\\\"/></stream>\n"
        guard case .failure = await Self.probe("printf '%s' \"\(header)\"") else {
            Issue.record("a header-only stream passed the probe")
            return
        }
        guard case .failure = await Self.probe("echo 'reader failed' >&2; exit 3") else {
            Issue.record("a failing reader passed the probe")
            return
        }
        guard case .failure = await Self.probe("printf 'not a stream'") else {
            Issue.record("garbage passed the probe")
            return
        }
    }

    @Test func theByteLimitStopsAnEndlessReaderWithWhatItSaw() async throws {
        // The fixture stream repeated without end: the probe keeps the first definition.
        let file = "\(FixtureFiles.directory)/hapi_mag.d2s"
        let endless = "sh -c 'cat \"$0\"; while :; do tail -c +518 \"$0\"; done' '\(file)'"
        let result = try await Self.probe(endless, byteLimit: 200_000).get()
        #expect(result.packets.count == 1)
        #expect(result.packets[0].records > 1000)
        #expect(result.packets[0].time1001 != nil)
    }

    @Test func probeResultsSurviveTheCacheFile() async throws {
        let result = try await Self.probe("cat '\(FixtureFiles.directory)/hapi_spec.d2t'").get()
        let bytes = try result.serialized(signature: "abc")
        guard case .result(let stored, let signature) = HAPIProbeResult.stored(from: bytes) else {
            Issue.record("the cache file did not read back")
            return
        }
        #expect(signature == "abc")
        #expect(stored.packets.map(\.header) == result.packets.map(\.header))
        #expect(stored.packets.map(\.records) == result.packets.map(\.records))
        #expect(stored.streamHeader.properties == result.streamHeader.properties)
        guard case .failure(let failed, let ranAt) = HAPIProbeResult.stored(from: HAPIProbeResult.serializedFailure(signature: "x", ranAt: 7)) else {
            Issue.record("a failure did not read back")
            return
        }
        #expect(failed == "x" && ranAt == 7)
        #expect(HAPIProbeResult.stored(from: Array("junk\n".utf8)) == nil)
    }
}
