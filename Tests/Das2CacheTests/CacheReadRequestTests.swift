import Das2Pipeline
import Testing

@testable import Das2Cache

/// The cache reader's command line (cache-and-queue.md §4.1, tools.md §6.1, §10 rows 15, 23) and
/// its in-process pipeline stage (server-protocol.md §4.7).
@Suite("Cache reader command line")
struct CacheReadRequestTests {
    static let operands = ["S.dsdf", "/cache/data/S", "_noparam", "2020-01-01T12:00", "2020-01-02T01:00Z", "100"]

    @Test func operandsInTheImplementedOrderWithoutTheTrailingZ() throws {
        let request = try CacheReadRequest(arguments: Self.operands)
        #expect(request == CacheReadRequest(
            dsdfPath: "S.dsdf", cacheDirectory: "/cache/data/S", normalizedParameters: "_noparam",
            begin: "2020-01-01T12:00", end: "2020-01-02T01:00", resolution: "100"))
        #expect(request.end == "2020-01-02T01:00")
        #expect(request.pad == 0)
        #expect(try CacheReadRequest(arguments: ["a", "b", "c", "2020-01-01ZZ", "e", "f"]).begin == "2020-01-01Z")
    }

    @Test(arguments: [
        (["-p", "60"], 60.0), (["--pad=60s"], 60), (["--pad", "30"], 30), (["-p", "1.5e1"], 15), (["-p", "0"], 0),
        (["-p", "1", "-p", "2"], 2),
    ] as [([String], Double)])
    func padOptionsComeFirst(options: [String], pad: Double) throws {
        #expect(try CacheReadRequest(arguments: options + Self.operands).pad == pad)
    }

    @Test(arguments: [
        (["-p"], "Error argument missing for pad (-p) option"),
        (["--pad"], "Error argument missing for pad (-p) option"),
        (["-p", "-5"] + operands, "Couldn't convert -5 to a positive real value"),
        (["-p", "abc"] + operands, "Couldn't convert abc to a positive real value"),
        (["--pad=nan"] + operands, "Couldn't convert nan to a positive real value"),
        (Array(operands.prefix(5)), "Unexpected number of command line arguments 6 1"),
        (["-p", "5"] + operands + ["extra"], "Unexpected number of command line arguments 10 3"),
        (operands + ["-p", "5"], "Unexpected number of command line arguments 9 1"),
        ([], "Unexpected number of command line arguments 1 1"),
    ] as [([String], String)])
    func badCommandLinesExitWith13(arguments: [String], message: String) {
        #expect(throws: CacheReaderError(message, exitStatus: 13)) { try CacheReadRequest(arguments: arguments) }
        #expect(CacheReaderError(message, exitStatus: 13).isCommandLineError)
    }

    @Test func theBuiltInCacheReaderIsRecognisedByTheBaseNameOfItsFirstWord() throws {
        let stage = try #require(try CacheReader.pipelineStage(
            commandText: "/usr/local/bin/das2_cache_rdr -p 60", arguments: Self.operands))
        #expect(stage.name == "das2_cache_rdr")
        #expect(stage.shellDescription == "/usr/local/bin/das2_cache_rdr -p 60 'S.dsdf' '/cache/data/S' '_noparam' "
            + "'2020-01-01T12:00' '2020-01-02T01:00Z' '100'")
        #expect(try CacheReader.pipelineStage(commandText: "probe_cache", arguments: Self.operands) == nil)
        #expect(try CacheReader.pipelineStage(commandText: "das2_cache_rdr_old", arguments: Self.operands) == nil)
        #expect(throws: CacheReaderError("Couldn't convert x to a positive real value", exitStatus: 13)) {
            try CacheReader.pipelineStage(commandText: "das2_cache_rdr -p x", arguments: Self.operands)
        }
    }
}
