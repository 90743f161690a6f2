import Das2Core
import Das2Pipeline
import Testing

@testable import Das2Cache

/// The cache reader as the first stage of a server pipeline, in front of a converter.
@Suite("Cache reader in a pipeline")
struct CacheReaderPipelineTests {
    @Test func theInProcessReaderFeedsAConverterChunkByChunk() async throws {
        let tree = try CacheReaderTests.Tree()
        defer { tree.directory.remove() }
        let start = try TestStream.us2000("2013-10-31T12:00")
        let records = (0..<6000).map { index in
            (TimeScale.us2000.time(from: start + Double(index) * 500_000).isoC(fractionDigits: 3), Double(index))
        }
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", TestStream.make(records))
        let request = tree.request("2013-10-31T12:00", "2013-10-31T13:00", "0")
        let direct = try tree.read(request).bytes
        let stage = try #require(try CacheReader.pipelineStage(
            commandText: "das2_cache_rdr", arguments: [tree.dsdfPath, tree.cacheDirectory, "_noparam",
                                                       "2013-10-31T12:00", "2013-10-31T13:00", "0"]))
        var bytes: [UInt8] = []
        let result = await Pipeline(stages: [stage, .command("cat")]).run(logger: quietCacheLogger) { bytes += $0 }
        #expect(result.succeeded)
        #expect(bytes == direct)
        #expect(String(decoding: result.standardError, as: UTF8.self).hasPrefix("Reading: \(tree.cacheDirectory)/"))
    }

    @Test func aBadRequestFailsThePipelineWithTheToolsStatus() async throws {
        let tree = try CacheReaderTests.Tree()
        defer { tree.directory.remove() }
        let stage = try #require(try CacheReader.pipelineStage(
            commandText: "das2_cache_rdr",
            arguments: [tree.dsdfPath, tree.cacheDirectory, "high", "2013-10-31", "2013-11-01", "0"]))
        let result = await Pipeline(stages: [stage, .command("cat")]).run(logger: quietCacheLogger) { _ in }
        #expect(result.failure?.stageIndex == 0)
        #expect(result.failure?.exitValue == 92)
        #expect(result.failure?.kind == .inProcess(message: "No cache trees were defined in \(tree.dsdfPath)"))
        #expect(result.bytesDelivered == 0)
    }
}
