#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process group of one command stage; its id is the process id of the stage's `/bin/sh` (or of its program, run directly).
struct ProcessGroup: Sendable, Hashable {
    /// The process group id.
    var id: Int32

    /// Asks every process of the group to stop (`SIGTERM`).
    func terminate() {
        _ = kill(-id, SIGTERM)
    }

    /// Kills every process of the group (`SIGKILL`); a group that no longer exists is ignored.
    func forceKill() {
        _ = kill(-id, SIGKILL)
    }

    /// Sends `SIGPIPE` to every process of the group, as writing to a pipe without reader would.
    func breakPipe() {
        _ = kill(-id, SIGPIPE)
    }

    /// The signal a writer to a pipe without reader dies of.
    static let brokenPipeSignal = SIGPIPE

    /// Makes writes to a pipe without reader fail with `EPIPE` instead of killing the server.
    ///
    /// swift-subprocess gives every child the default signal dispositions back, so the children
    /// still die of `SIGPIPE` as in a shell pipeline.
    static let ignoreBrokenPipeInServer: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
