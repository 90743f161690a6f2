import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

extension PipelineRunner {
    /// Runs a command stage and records how it ended.
    func runCommand(
        _ index: Int,
        input: PipelinePlan.Input,
        output: PipelinePlan.Output,
        consumer: PipelineConsumer
    ) async {
        // The unit owns the pipe ends it was given and closes them once the child holds them.
        var ownedDescriptors: [Int32] = []
        if case .pipe(let readEnd) = input { ownedDescriptors.append(readEnd) }
        if case .pipe(let writeEnd) = output { ownedDescriptors.append(writeEnd) }
        func closeOwnedDescriptors() {
            ownedDescriptors.forEach(KernelPipe.closeEnd)
            ownedDescriptors = []
        }
        defer {
            // Whatever happened, the neighbours must not wait for this stage any longer.
            if case .link(let link) = input { link.withdraw() }
            if case .server(_, .link(let link)) = output { link.release() }
        }

        var processGroup: ProcessGroup?
        func started(
            _ processIdentifier: ProcessIdentifier,
            standardError: SubprocessOutputSequence,
            standardOutput: SubprocessOutputSequence?,
            standardInput: StandardInputWriter?
        ) async {
            closeOwnedDescriptors()
            let group = ProcessGroup(id: processIdentifier.value)
            processGroup = group
            if state.processStarted(group, stage: index) {
                // Every stage is started so that each can report a failure to start; one that
                // starts after the stop procedure began must not stay.
                group.forceKill()
            }
            if case .link(let link) = input, let standardInput {
                link.offer(standardInput)
            }
            await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask { await self.logStandardError(standardError, stage: index) }
                if case .link(let link) = input {
                    tasks.addTask { await link.waitUntilReleased() }
                }
                if let standardOutput, case .server(let transformers, let sink) = output {
                    await pump(
                        from: PumpSource(stageIndex: index, output: standardOutput),
                        through: transformers,
                        to: sink,
                        consumer: consumer
                    )
                }
            }
        }

        let configuration = makeConfiguration(for: pipeline.stages[index])
        do {
            let status: TerminationStatus
            switch (input, output) {
            case (.nothing, .pipe(let writeEnd)):
                status = try await launch(configuration, input: .none, output: .writing(to: writeEnd)) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: nil,
                        standardInput: nil
                    )
                }
            case (.nothing, .server):
                status = try await launch(configuration, input: .none, output: .sequence) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: $0.standardOutput,
                        standardInput: nil
                    )
                }
            case (.pipe(let readEnd), .pipe(let writeEnd)):
                status = try await launch(
                    configuration,
                    input: .reading(from: readEnd),
                    output: .writing(to: writeEnd)
                ) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: nil,
                        standardInput: nil
                    )
                }
            case (.pipe(let readEnd), .server):
                status = try await launch(configuration, input: .reading(from: readEnd), output: .sequence) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: $0.standardOutput,
                        standardInput: nil
                    )
                }
            case (.link, .pipe(let writeEnd)):
                status = try await launch(configuration, input: .inputWriter, output: .writing(to: writeEnd)) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: nil,
                        standardInput: $0.standardInputWriter
                    )
                }
            case (.link, .server):
                status = try await launch(configuration, input: .inputWriter, output: .sequence) {
                    await started(
                        $0.processIdentifier,
                        standardError: $0.standardError,
                        standardOutput: $0.standardOutput,
                        standardInput: $0.standardInputWriter
                    )
                }
            }
            state.record(PipelineRunState.Outcome(status), forStage: index)
        } catch {
            closeOwnedDescriptors()
            let message = String(describing: error)
            if processGroup == nil {
                state.record(.failed(.spawn(message: message), exitValue: 127), forStage: index)
            } else {
                state.record(.failed(.io(message: message), exitValue: 74), forStage: index)
            }
            state.stop(.stageFailed)
        }
        if let processGroup {
            state.processReaped(stage: index)
            // The shell is gone; so must be anything it left behind in its group.
            processGroup.forceKill()
        }
    }

    private func launch<Input: InputProtocol, Output: OutputProtocol>(
        _ configuration: Configuration,
        input: Input,
        output: Output,
        body: (Execution<Input, Output, SequenceOutput>) async -> Void
    ) async throws -> TerminationStatus {
        try await Subprocess.run(configuration, input: input, output: output, error: .sequence, body: body)
            .terminationStatus
    }

    private func makeConfiguration(for stage: PipelineStage) -> Configuration {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: pipeline.terminationGracePeriod)
        ]
        let executable: Executable
        let arguments: Arguments
        if let direct = DirectCommand.resolve(stage.commandText, pathValue: pipeline.environment.pathValue) {
            executable = .path(FilePath(direct.executablePath))
            arguments = Arguments(
                executablePathOverride: direct.argumentWords[0],
                remainingValues: direct.argumentWords.dropFirst() + stage.arguments
            )
        } else {
            executable = .path("/bin/sh")
            arguments = Arguments(["-c", stage.commandText + " \"$@\"", stage.name] + stage.arguments)
        }
        return Configuration(
            executable: executable,
            arguments: arguments,
            environment: pipeline.environment.subprocessEnvironment,
            workingDirectory: pipeline.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
    }
}

extension InputProtocol where Self == FileDescriptorInput {
    /// Standard input read from a pipe end the runner keeps owning.
    fileprivate static func reading(from descriptor: Int32) -> Self {
        .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: false)
    }
}

extension OutputProtocol where Self == FileDescriptorOutput {
    /// Standard output written to a pipe end the runner keeps owning.
    fileprivate static func writing(to descriptor: Int32) -> Self {
        .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: false)
    }
}

extension PipelineRunState.Outcome {
    /// The outcome of a command stage whose shell terminated with a status.
    fileprivate init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code):
            self = .exited(code)
        case .signaled(let signal):
            self = .signaled(signal)
        }
    }
}
