import Foundation

/// Runs blocking work (socket I/O) on a thread of its own, keeping the few cooperative
/// threads free for the processes' pipes and for servers running in the test process.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
