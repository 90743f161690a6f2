import Synchronization

/// Bounds how many probes run at once (`HAPI_PROBE_CONCURRENCY`, hapi.md §7.8).
///
/// The limit is passed with each request for a slot, so a changed configuration applies to the
/// next probe; waiters are served in arrival order.
final class AsyncSemaphore: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Runs `body` once fewer than `limit` bodies are running.
    func run<Value: Sendable>(limit: Int, _ body: () async -> Value) async -> Value {
        await acquire(limit: max(1, limit))
        let value = await body()
        release()
        return value
    }

    private func acquire(limit: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state in
                if state.running < limit {
                    state.running += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            // The slot passes straight to the next waiter.
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
