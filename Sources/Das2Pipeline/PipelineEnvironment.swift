/// The environment a pipeline's child processes run with.
package enum PipelineEnvironment: Sendable, Hashable {
    /// The server's own environment with some variables set (non-nil value) or removed (nil value).
    case inherited(updating: [String: String?])
    /// Exactly these variables and nothing else.
    case exactly([String: String])

    /// The server's environment, unchanged.
    package static var inherited: PipelineEnvironment { .inherited(updating: [:]) }
}
