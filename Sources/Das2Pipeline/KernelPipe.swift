#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A close-on-exec kernel pipe connecting two adjacent command stages.
///
/// The server holds the ends only until the stages have started; the data then flows from one
/// child to the next without passing through the server.
struct KernelPipe: Sendable {
    /// The end the downstream stage reads from.
    var readEnd: Int32
    /// The end the upstream stage writes to.
    var writeEnd: Int32

    /// Creates a pipe.
    ///
    /// - Returns: The pipe, or why it could not be made.
    static func make() -> Result<KernelPipe, KernelPipeError> {
        var ends: [Int32] = [-1, -1]
        // Glibc does not export pipe2. The gap before FD_CLOEXEC is harmless for the stages:
        // swift-subprocess closes every descriptor above 2 in the children it starts.
        guard pipe(&ends) == 0 else { return .failure(KernelPipeError.current()) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return .success(KernelPipe(readEnd: ends[0], writeEnd: ends[1]))
    }

    /// Closes one end the server owns.
    ///
    /// - Parameter descriptor: The end to close.
    static func closeEnd(_ descriptor: Int32) {
        _ = close(descriptor)
    }
}

/// Why a kernel pipe could not be created.
struct KernelPipeError: Error, Sendable {
    /// The reason, with the system's error text.
    var message: String

    /// The error for the current `errno`.
    static func current() -> KernelPipeError {
        KernelPipeError(message: "cannot create a pipe: \(String(cString: strerror(errno)))")
    }
}
