#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGTERM and SIGINT into a call of a Swift closure.
///
/// The signal handler only writes the signal number to a pipe (async-signal-safe); a thread
/// of its own reads the pipe and calls the closure.
enum SignalWatcher {
    /// The pipe's write end, read by the handler.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Installs the handlers and starts the thread.
    /// - Parameter handler: Called with each signal's number, on the watcher's thread.
    static func start(_ handler: @escaping @Sendable (Int32) -> Void) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        writeEnd = ends[1]
        let readEnd = ends[0]
        let body = Unmanaged.passRetained(Box {
            var number: Int32 = 0
            while true {
                let count = read(readEnd, &number, MemoryLayout<Int32>.size)
                if count == MemoryLayout<Int32>.size {
                    handler(number)
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }).toOpaque()
        var thread = pthread_t()
        guard pthread_create(&thread, nil, { argument in
            Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, body) == 0 else { return }
        pthread_detach(thread)
        for number in [SIGTERM, SIGINT] {
            signal(number) { received in
                var received = received
                let saved = errno
                _ = write(SignalWatcher.writeEnd, &received, MemoryLayout<Int32>.size)
                errno = saved
            }
        }
    }

    private final class Box {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
