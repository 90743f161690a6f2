import Testing

@testable import Das2Pipeline

@Suite("Pipeline wiring")
struct PipelinePlanTests {
    static let identity = PipelineStage.inProcess("das2_hold") { HoldingTransformer() }

    private func closePipes(of units: [PipelinePlan.Unit]) {
        for case .command(_, let input, let output) in units {
            if case .pipe(let descriptor) = input { KernelPipe.closeEnd(descriptor) }
            if case .pipe(let descriptor) = output { KernelPipe.closeEnd(descriptor) }
        }
    }

    @Test("adjacent commands share a kernel pipe; in-process stages go through the server")
    func mixedWiring() throws {
        let stages: [PipelineStage] = [.command("a"), .command("b"), Self.identity, .command("c"), Self.identity]
        let plan = try PipelinePlan.make(for: stages).get()
        defer { closePipes(of: plan.otherUnits + [plan.consumerUnit]) }

        #expect(plan.otherUnits.count == 2)
        guard case .command(0, .nothing, .pipe) = plan.otherUnits[0] else {
            Issue.record("stage 0 should write into a kernel pipe: \(plan.otherUnits[0])")
            return
        }
        guard case .command(1, .pipe, .server(2..<3, .link)) = plan.otherUnits[1] else {
            Issue.record("stage 1 should read the pipe and feed stage 2 into stage 3: \(plan.otherUnits[1])")
            return
        }
        guard case .command(3, .link, .server(4..<5, .consumer)) = plan.consumerUnit else {
            Issue.record("stage 3 should feed stage 4 into the consumer: \(plan.consumerUnit)")
            return
        }
    }

    @Test("leading in-process stages form a source unit")
    func leadingInProcessStages() throws {
        let plan = try PipelinePlan.make(for: [Self.identity, Self.identity, .command("cat")]).get()

        guard case .source(0..<2, .link) = plan.otherUnits.first, plan.otherUnits.count == 1 else {
            Issue.record("expected one source unit feeding stage 2: \(plan.otherUnits)")
            return
        }
        guard case .command(2, .link, .server(3..<3, .consumer)) = plan.consumerUnit else {
            Issue.record("stage 2 should deliver to the consumer: \(plan.consumerUnit)")
            return
        }
    }

    @Test("a pipeline of in-process stages only runs as one source unit")
    func onlyInProcessStages() throws {
        let plan = try PipelinePlan.make(for: [Self.identity, Self.identity]).get()

        #expect(plan.otherUnits.isEmpty)
        guard case .source(0..<2, .consumer) = plan.consumerUnit else {
            Issue.record("expected a source unit delivering to the consumer: \(plan.consumerUnit)")
            return
        }
    }
}
