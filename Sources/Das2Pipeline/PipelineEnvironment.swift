#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment a pipeline's child processes run with.
package enum PipelineEnvironment: Sendable, Hashable {
    /// The server's own environment with some variables set (non-nil value) or removed (nil value).
    case inherited(updating: [String: String?])
    /// Exactly these variables and nothing else.
    case exactly([String: String])

    /// The server's environment, unchanged.
    package static var inherited: PipelineEnvironment { .inherited(updating: [:]) }
}

extension PipelineEnvironment {
    /// The `PATH` a child process sees; nil when it has none.
    var pathValue: String? {
        switch self {
        case .inherited(let updates):
            if let update = updates["PATH"] { return update }
            return getenv("PATH").map { String(cString: $0) }
        case .exactly(let values):
            return values["PATH"]
        }
    }
}
