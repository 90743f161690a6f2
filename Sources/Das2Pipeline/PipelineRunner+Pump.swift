import Subprocess

extension PipelineRunner {
    private enum Target {
        case consumer
        case standardInput(StandardInputWriter)
    }

    /// Moves data from a command's standard output, an in-process source, or nothing, through
    /// in-process stages to a sink, awaiting the sink for every chunk, and records how the
    /// in-process stages ended.
    ///
    /// - Parameters:
    ///   - source: The output to read or the source to pull, or nil for leading in-process stages
    ///     without a source.
    ///   - transformers: The in-process stages the data passes.
    ///   - sink: Where the data goes.
    ///   - consumer: The run's consumer when the sink is the consumer.
    func pump(
        from source: PumpSource?,
        through transformers: Range<Int>,
        to sink: PipelinePlan.Sink,
        consumer: PipelineConsumer
    ) async {
        let target: Target
        switch sink {
        case .consumer:
            target = .consumer
        case .link(let link):
            guard let writer = await link.writer() else {
                link.release()
                return
            }
            target = .standardInput(writer)
        }
        let chain = TransformerChain(transformers, of: pipeline.stages)
        let report = { (index: Int, lines: [String]) in
            for line in lines { self.report(Array(line.utf8), stage: index) }
        }
        var source = source
        do throws(PumpInterruption) {
            while let chunk = try await nextChunk(from: &source, report: report) {
                guard !state.isStopping else { throw .stopping }
                try await deliver(chain.process(chunk, report: report), to: target, consumer: consumer)
            }
            if let source, source.isInProcess {
                state.record(.transformed, forStage: source.stageIndex)
            }
            guard !state.isStopping else { throw .stopping }
            let rest = try chain.finish(report: report) { state.record(.transformed, forStage: $0) }
            try await deliver(rest, to: target, consumer: consumer)
        } catch {
            switch error {
            case .stageFailed(let index, let failure):
                state.record(
                    .failed(.inProcess(message: failure.message), exitValue: failure.exitStatus),
                    forStage: index
                )
                state.stop(.stageFailed)
            case .sourceUnreadable(let index, let message):
                state.record(.failed(.io(message: message), exitValue: 74), forStage: index)
                state.stop(.stageFailed)
            case .consumerStopped:
                state.stop(.consumerStopped)
            case .downstreamGone:
                if let source, source.isInProcess {
                    // A source whose output nobody reads has nothing left to do; like a writer's
                    // SIGPIPE, that is not a failure of its own.
                    state.record(.transformed, forStage: source.stageIndex)
                } else if let stageIndex = source?.stageIndex {
                    // What a closed pipe does to its writer. The server's end stays open until the
                    // source's run is over, so keep reading lest a writer ignoring SIGPIPE block.
                    state.breakPipe(ofStage: stageIndex)
                    await source?.discardRest()
                }
            case .stopping:
                break
            }
        }
        if case .standardInput(let writer) = target, case .link(let link) = sink {
            try? await writer.finish()
            link.release()
        }
    }

    /// The next chunk of the source, its diagnostics reported; nil at its end or without a source.
    private func nextChunk(
        from source: inout PumpSource?,
        report: (Int, [String]) -> Void
    ) async throws(PumpInterruption) -> [UInt8]? {
        guard var current = source else { return nil }
        defer {
            report(current.stageIndex, current.takeDiagnostics())
            source = current
        }
        return try await current.next()
    }

    private func deliver(
        _ chunk: [UInt8],
        to target: Target,
        consumer: PipelineConsumer
    ) async throws(PumpInterruption) {
        guard !chunk.isEmpty else { return }
        switch target {
        case .standardInput(let writer):
            let written: Int
            do {
                written = try await writer.write(chunk)
            } catch {
                throw .downstreamGone
            }
            // A short write means the command exited while the write was pending.
            guard written == chunk.count else { throw .downstreamGone }
        case .consumer:
            var start = 0
            while start < chunk.count {
                let end = min(start + Pipeline.chunkLimit, chunk.count)
                let piece = start == 0 && end == chunk.count ? chunk : Array(chunk[start..<end])
                state.deliveryStarted()
                do {
                    try await consumer(piece)
                } catch {
                    state.deliveryEnded(byteCount: 0)
                    throw .consumerStopped
                }
                state.deliveryEnded(byteCount: piece.count)
                start = end
            }
        }
    }
}
