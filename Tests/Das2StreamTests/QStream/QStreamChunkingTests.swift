import Testing
import Das2Stream

/// Incremental reading: chunk sizes, truncation at every byte, corrupted input, and the
/// byte-exact pass-through the server relies on.
struct QStreamChunkingTests {
    @Test(arguments: QStreamFixture.names)
    func everyChunkSizeGivesTheSameEvents(name: String) {
        let input = QStreamFixture.bytes(name)
        let whole = readQStream(input)
        #expect(whole.error == nil)
        for chunk in 1...17 {
            let pieces = readQStream(input, chunk: chunk)
            #expect(pieces.error == nil, "chunk \(chunk)")
            #expect(pieces.images == whole.images, "chunk \(chunk)")
            #expect(pieces.packets == whole.packets, "chunk \(chunk)")
        }
    }

    @Test(arguments: QStreamFixture.names)
    func passThroughReproducesTheInputExactly(name: String) {
        let input = QStreamFixture.bytes(name)
        for chunk in [1, 5, 64, input.count] {
            var reader = QStreamReader()
            var writer = QStreamWriter()
            var output: [UInt8] = []
            var start = 0
            var failure: Das2StreamError?
            func pump(_ reader: inout QStreamReader, _ writer: inout QStreamWriter) {
                do {
                    while try reader.next() != nil { writer.forwardLastPacket(of: reader) }
                } catch {
                    failure = error
                }
            }
            while start < input.count && failure == nil {
                let end = min(start + chunk, input.count)
                input[start..<end].withUnsafeBytes { reader.append($0) }
                start = end
                pump(&reader, &writer)
                output += writer.takeOutput()
            }
            reader.finish()
            pump(&reader, &writer)
            output += writer.takeOutput()
            #expect(failure == nil)
            #expect(output == input, "chunk \(chunk)")
        }
    }

    @Test(arguments: ["icd-minmax.qds", "icd-ascii.qds", "exception.qds", "times.qds"])
    func truncationAtEveryByteIsAnErrorOrAPacketBoundary(name: String) {
        let input = QStreamFixture.bytes(name)
        let whole = readQStream(input)
        var boundaries: [Int: Int] = [0: 0]
        var end = 0
        for (index, packet) in whole.packets.enumerated() {
            end += packet.count
            boundaries[end] = index + 1
        }
        for count in 0..<input.count {
            let outcome = readQStream(Array(input[0..<count]))
            if count == 0 {
                #expect(outcome.error?.code == .emptyStream)
            } else if let events = boundaries[count] {
                #expect(outcome.error == nil, "prefix \(count)")
                #expect(outcome.images == Array(whole.images.prefix(events)), "prefix \(count)")
            } else {
                #expect(outcome.error?.code == .truncated, "prefix \(count): \(String(describing: outcome.error))")
            }
        }
    }

    @Test(arguments: ["icd-ascii.qds", "bundle.qds"])
    func corruptedBytesNeverCrash(name: String) {
        let input = QStreamFixture.bytes(name)
        let replacements: [UInt8] = [0x00, 0x3A, 0x5B, 0x5D, 0x30, 0x20]
        var failures = 0
        for position in 0..<input.count {
            var corrupted = input
            corrupted[position] = replacements[position % replacements.count]
            let outcome = readQStream(corrupted, chunk: 97)
            decodeEverything(outcome.events)
            if outcome.error != nil { failures += 1 }
        }
        #expect(failures > 0)
    }

    private func decodeEverything(_ events: [QStreamEvent]) {
        var values: [Double] = []
        var integers: [Int64] = []
        for case .record(let record) in events {
            for index in record.descriptor.streamedDatasetIndices {
                _ = try? record.decode(dataset: index, into: &values)
                if record.descriptor.datasets[index].encoding?.isInteger == true {
                    _ = try? record.decodeIntegers(dataset: index, into: &integers)
                }
            }
        }
    }

    @Test func memoryIsBoundedByTheLargestPacket() throws {
        let stream = QStreamBytes.stream()
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "128"))
        let record = Array(":01:".utf8) + [UInt8](repeating: 0, count: 1024)
        var reader = QStreamReader()
        reader.append(stream + packet)
        while try reader.next() != nil {}
        var count = 0
        for _ in 0..<500 {
            reader.append(record)
            while try reader.next() != nil { count += 1 }
        }
        #expect(count == 500)
        let offset = reader.offset
        #expect(offset == stream.count + packet.count + 500 * record.count)
    }
}
