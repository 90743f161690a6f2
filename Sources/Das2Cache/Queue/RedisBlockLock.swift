import Logging
import Synchronization

/// The Redis block lock of §7.4 (DC-11): `SET das2_lock:<path> <host>:<pid> NX PX 60000`,
/// renewed every 20 s while the block is built and deleted when done, so that workers on
/// machines whose shared file system ignores `fcntl` locks never build the same block.
final class RedisBlockLock: CacheBlockLock {
    private let queue: RedisQueue
    private let logger: Logger
    private let renewals = Mutex<[String: Task<Void, Never>]>([:])

    init(queue: RedisQueue, logger: Logger) {
        self.queue = queue
        self.logger = logger
    }

    func acquire(_ relativePath: String) async -> Bool {
        do {
            guard try await queue.acquireLock(relativePath) else { return false }
        } catch {
            logger.error("Cannot lock \(relativePath) on the job broker: \(error.message)")
            return false
        }
        let renewal = Task { [queue, logger] in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .seconds(20))
                    try await queue.renewLock(relativePath)
                } catch let error as WorkQueueError {
                    logger.warning("Cannot renew the lock of \(relativePath): \(error.message)")
                } catch {
                    return
                }
            }
        }
        renewals.withLock { $0[relativePath] = renewal }
        return true
    }

    func release(_ relativePath: String) async {
        renewals.withLock { $0.removeValue(forKey: relativePath) }?.cancel()
        do {
            try await queue.releaseLock(relativePath)
        } catch {
            logger.warning("Cannot release the lock of \(relativePath): \(error.message)")
        }
    }
}
