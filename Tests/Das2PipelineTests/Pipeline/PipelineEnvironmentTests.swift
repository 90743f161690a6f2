import Foundation
import Testing

@testable import Das2Pipeline

@Suite("Pipeline environment and working directory")
struct PipelineEnvironmentTests {
    @Test("variables set for the pipeline reach every child")
    func updatedVariablesReachChildren() async {
        let run = await collectRun(
            Pipeline(
                stages: [.command("printf '%s,' \"$DAS2_PROBE\"; :"), .command("cat; printf '%s' \"$DAS2_PROBE\"; :")],
                environment: .inherited(updating: ["DAS2_PROBE": "42 x"])
            )
        )

        #expect(run.text == "42 x,42 x")
    }

    @Test("variables removed for the pipeline are absent, others are inherited")
    func removedVariablesAreAbsent() async {
        let run = await collectRun(
            Pipeline(
                stages: [.command("printf '%s/%s' \"${HOME-unset}\" \"${PATH:+inherited}\"; :")],
                environment: .inherited(updating: ["HOME": nil])
            )
        )

        #expect(run.text == "unset/inherited")
    }

    @Test("an exact environment replaces the server's")
    func exactEnvironment() async {
        let run = await collectRun(
            Pipeline(
                stages: [.command("printf '%s/%s' \"$ONLY\" \"${HOME-unset}\"; :")],
                environment: .exactly(["ONLY": "1"])
            )
        )

        #expect(run.text == "1/unset")
    }

    @Test("the working directory reaches every child")
    func workingDirectoryReachesChildren() async throws {
        let directory = try makePipelineTestDirectory().resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = await collectRun(
            Pipeline(stages: [.command("pwd"), .command("cat; pwd; :")], workingDirectory: directory.path)
        )

        #expect(run.text == "\(directory.path)\n\(directory.path)\n")
    }
}
