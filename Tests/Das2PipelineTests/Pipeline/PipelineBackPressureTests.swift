import Foundation
import Testing

@testable import Das2Pipeline

@Suite("Pipeline back-pressure", .serialized)
struct PipelineBackPressureTests {
    /// Writes 64 KiB blocks of zeros without end and counts them in the file given as argument.
    static func producer(counting file: URL) -> PipelineStage {
        .command("n=0; while head -c 65536 /dev/zero; do n=$((n+1)); echo $n > \"$1\"; done; :", arguments: [file.path])
    }

    static func blocksWritten(_ file: URL) -> Int {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test(
        "a slow consumer stalls a fast producer",
        arguments: [
            ("command", 0),
            ("command | command", 1),
            ("command | in-process | command", 2),
        ]
    )
    func slowConsumerStallsProducer(label: String, shape: Int) async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = directory.appendingPathComponent("blocks")
        let producer = Self.producer(counting: counter)
        let stages: [PipelineStage] =
            switch shape {
            case 0: [producer]
            case 1: [producer, .command("cat")]
            default: [producer, .inProcess("das2_letters") { DigitsToLetters() }, .command("cat")]
            }
        var delivered = 0
        var blocksWhileStalled: [Int] = []
        let result = await Pipeline(stages: stages).run(logger: quietPipelineLogger) { chunk in
            delivered += chunk.count
            guard delivered >= 256 * 1024 else { return }
            // Stall: the producer may fill the pipes and buffers in between, and then must wait.
            // On a loaded machine it may still be filling them at the first look.
            for _ in 0..<4 {
                try await Task.sleep(for: .milliseconds(150))
                blocksWhileStalled.append(Self.blocksWritten(counter))
            }
            throw ConsumerHungUp()
        }

        #expect(result.stoppedByConsumer)
        // Every pipe holds 64 KiB and the server holds a chunk per hop: a few hundred KiB in
        // flight at most, where an unthrottled producer writes hundreds of megabytes.
        let hops = stages.count
        let bound = (delivered + hops * 3 * 65536) / 65536 + 2
        #expect(blocksWhileStalled.allSatisfy { $0 <= bound }, "\(label): \(blocksWhileStalled), bound \(bound)")
        #expect(
            blocksWhileStalled.last == blocksWhileStalled.dropLast().last,
            "\(label): producer kept writing \(blocksWhileStalled)"
        )
    }
}
