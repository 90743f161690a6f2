/// How the stages of a pipeline are wired for one run.
///
/// Adjacent command stages share a kernel pipe. Everything else passes through the server:
/// a command whose successor is in-process has its standard output read by the server, which
/// feeds the following in-process stages and then either the next command's standard input
/// (through a ``StandardInputLink``) or the consumer. Leading in-process stages form a source
/// unit with empty input, or a pulled unit when the first stage is a ``PipelineSource``.
struct PipelinePlan: Sendable {
    /// Where a command stage's standard input comes from.
    enum Input: Sendable {
        /// Nothing: the first stage reads `/dev/null`.
        case nothing
        /// The read end of a kernel pipe from the previous command, owned by the unit.
        case pipe(Int32)
        /// The server, which writes through the link.
        case link(StandardInputLink)
    }

    /// Where the output of a unit goes after its in-process stages.
    enum Sink: Sendable {
        /// The next command's standard input.
        case link(StandardInputLink)
        /// The consumer passed to ``Pipeline/run(logger:output:)``.
        case consumer
    }

    /// Where a command stage's standard output goes.
    enum Output: Sendable {
        /// The write end of a kernel pipe to the next command, owned by the unit.
        case pipe(Int32)
        /// The server, which passes it through the in-process stages in the range to the sink.
        case server(transformers: Range<Int>, sink: Sink)
    }

    /// A piece of the pipeline run by one task.
    enum Unit: Sendable {
        /// A command stage.
        case command(index: Int, input: Input, output: Output)
        /// Leading in-process stages that start from empty input.
        case source(transformers: Range<Int>, sink: Sink)
        /// A source stage and the in-process stages after it.
        case pulled(source: Int, transformers: Range<Int>, sink: Sink)

        var sink: Sink? {
            switch self {
            case .command(_, _, .server(_, let sink)), .source(_, let sink), .pulled(_, _, let sink):
                return sink
            case .command(_, _, .pipe):
                return nil
            }
        }
    }

    /// The unit whose sink is the consumer; the calling task runs it.
    var consumerUnit: Unit
    /// The other units, each run by a child task.
    var otherUnits: [Unit]

    /// Wires the stages, creating the kernel pipes between adjacent commands.
    ///
    /// - Parameter stages: The stages, at least one.
    /// - Returns: The plan, or the stage whose output pipe could not be created.
    static func make(for stages: [PipelineStage]) -> Result<PipelinePlan, PlanError> {
        precondition(!stages.isEmpty, "a pipeline needs at least one stage")
        precondition(!stages.dropFirst().contains(where: \.isSource), "only the first stage can be a source")
        let count = stages.count
        var pipeReadEnds = [Int32?](repeating: nil, count: count)
        var pipeWriteEnds = [Int32?](repeating: nil, count: count)
        for index in 0..<(count - 1) where stages[index].isCommand && stages[index + 1].isCommand {
            switch KernelPipe.make() {
            case .success(let pipe):
                pipeWriteEnds[index] = pipe.writeEnd
                pipeReadEnds[index + 1] = pipe.readEnd
            case .failure(let error):
                for descriptor in (pipeReadEnds + pipeWriteEnds).compactMap({ $0 }) {
                    KernelPipe.closeEnd(descriptor)
                }
                return .failure(PlanError(stageIndex: index, message: error.message))
            }
        }

        var links = [StandardInputLink?](repeating: nil, count: count)
        for index in 1..<count where stages[index].isCommand && !stages[index - 1].isCommand {
            links[index] = StandardInputLink()
        }
        func nextCommand(after index: Int) -> Int {
            stages[(index + 1)...].firstIndex(where: \.isCommand) ?? count
        }
        func sink(before index: Int) -> Sink {
            index < count ? .link(links[index]!) : .consumer
        }

        var units: [Unit] = []
        if !stages[0].isCommand {
            let end = nextCommand(after: 0)
            if stages[0].isSource {
                units.append(.pulled(source: 0, transformers: 1..<end, sink: sink(before: end)))
            } else {
                units.append(.source(transformers: 0..<end, sink: sink(before: end)))
            }
        }
        for index in stages.indices where stages[index].isCommand {
            let input: Input
            if index == 0 {
                input = .nothing
            } else if let readEnd = pipeReadEnds[index] {
                input = .pipe(readEnd)
            } else {
                input = .link(links[index]!)
            }
            let output: Output
            if let writeEnd = pipeWriteEnds[index] {
                output = .pipe(writeEnd)
            } else {
                let end = nextCommand(after: index)
                output = .server(transformers: (index + 1)..<end, sink: sink(before: end))
            }
            units.append(.command(index: index, input: input, output: output))
        }

        let consumerIndex = units.firstIndex {
            if case .consumer? = $0.sink { return true }
            return false
        }!
        let consumerUnit = units.remove(at: consumerIndex)
        return .success(PipelinePlan(consumerUnit: consumerUnit, otherUnits: units))
    }
}

/// A stage whose output pipe could not be created.
struct PlanError: Error, Sendable {
    /// The stage that would have written to the pipe.
    var stageIndex: Int
    /// Why the pipe could not be created.
    var message: String
}
