import Subprocess

extension PipelineEnvironment {
    /// The swift-subprocess form of the environment.
    var subprocessEnvironment: Subprocess.Environment {
        switch self {
        case .inherited(let updates):
            return .inherit.updating(
                Dictionary(
                    uniqueKeysWithValues: updates.map { (Subprocess.Environment.Key(stringLiteral: $0.key), $0.value) }
                )
            )
        case .exactly(let values):
            return .custom(
                Dictionary(
                    uniqueKeysWithValues: values.map { (Subprocess.Environment.Key(stringLiteral: $0.key), $0.value) }
                )
            )
        }
    }
}
